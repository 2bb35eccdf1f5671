import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from '../../scripts/api-types.ts';

// The web app's API types are generated from the server's schemas; a route change without
// `npm run gen:api` would leave the app compiled against an API that no longer exists.
it('the web app is typed against the current API', async () => {
  const current = readFileSync(API_TYPES_FILE, 'utf8');
  expect(current === (await apiTypesSource()), 'src/web/api/openapi.d.ts is stale: run npm run gen:api').toBe(
    true,
  );
});
