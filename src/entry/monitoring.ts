import { awsCollector } from '../adapters/integrations/aws/collector.ts';
import { githubCollector } from '../adapters/integrations/github/collector.ts';
import { ldapCollector } from '../adapters/integrations/ldap/collector.ts';
import { ocsfCollector } from '../adapters/integrations/ocsf/collector.ts';
import { oktaCollector } from '../adapters/integrations/okta/collector.ts';
import { openscapCollector } from '../adapters/integrations/openscap/collector.ts';
import { postgresCollector } from '../adapters/integrations/postgres/collector.ts';
import { terraformCollector } from '../adapters/integrations/terraform/collector.ts';
import { createSampleCollector } from '../app/demo/sample-collector.ts';
import type { Collector } from '../app/monitoring/collector.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { loadTestLibrary, type TTestLibrary } from '../catalog/monitoring/library.ts';

// The integrations this build knows, by type. Each lives in src/adapters/integrations/<provider>/.
// `sample` replays the demo organization's bundled data (catalog/demo): its scheduled runs never call a
// provider, so a demo never shows a failed connection.
export const COLLECTORS: ReadonlyMap<string, Collector> = new Map<string, Collector>(
  [
    awsCollector,
    githubCollector,
    ldapCollector,
    ocsfCollector,
    oktaCollector,
    openscapCollector,
    postgresCollector,
    terraformCollector,
    createSampleCollector(() => new Date()),
  ].map((c) => [c.type, c as Collector]),
);

let library: TTestLibrary | undefined;

/** The built-in test library, checked against the control library once per process. */
export function testLibrary(): TTestLibrary {
  library ??= loadTestLibrary(new Set(loadCatalog().controls.map((c) => c.id)));
  return library;
}
