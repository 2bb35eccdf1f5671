// Writes src/web/api/openapi.d.ts, the web app's types of the HTTP API, from the OpenAPI document the
// server derives from its own zod schemas. `test/web/api-types.test.ts` fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, apiTypesSource } from './api-types.ts';

writeFileSync(API_TYPES_FILE, await apiTypesSource());
console.log(`wrote ${API_TYPES_FILE}`);
process.exit(0);
