import type { TTestLibrary } from '../../src/catalog/monitoring/library.ts';
import type { TResource } from '../../src/domain/monitoring/model.ts';
import { awsGenerators } from './families/aws.ts';
import { awsEdgeGenerators } from './families/aws-edge.ts';
import { endpointGenerators } from './families/endpoint.ts';
import { githubGenerators } from './families/github.ts';
import { idpGenerators } from './families/idp.ts';
import { seededRng, type TGenerator } from './families/kit.ts';
import { ldapGenerators } from './families/ldap.ts';
import { ocsfGenerators } from './families/ocsf.ts';
import { openscapGenerators } from './families/openscap.ts';
import { postgresGenerators } from './families/postgres.ts';
import { terraformGenerators } from './families/terraform.ts';

// Synthetic inventories for the scan benchmark: N resources spread over every resource type of the
// library, with values that satisfy each type's schema and a mix of passing and failing settings. Seeded,
// so two runs (and two machines) measure the same input. The generators (families/*.ts) are typed by the
// catalog's schemas, so a schema change that breaks one fails `tsc` instead of benchmarking garbage.

export { NOW } from './families/kit.ts';

/** Every resource type the benchmark can generate. A library type missing here is reported, never skipped quietly. */
export const GENERATORS: ReadonlyMap<string, TGenerator> = new Map([
  ...postgresGenerators,
  ...githubGenerators,
  ...ldapGenerators,
  ...awsGenerators,
  ...awsEdgeGenerators,
  ...idpGenerators,
  ...endpointGenerators,
  ...ocsfGenerators,
  ...openscapGenerators,
  ...terraformGenerators,
]);

export interface TInventory {
  resources: TResource[];
  /** Resources generated per type. */
  counts: Map<string, number>;
  /** Library types without a generator: their tests are not exercised by this inventory. */
  missing: string[];
}

/** FNV-1a, so each type draws from its own stream and adding a type leaves the others' data unchanged. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** How many resources of each type: proportional to the generators' weights, at least one of each. */
function allocate(types: string[], size: number): Map<string, number> {
  const weight = (type: string) => GENERATORS.get(type)?.weight ?? 0;
  const total = types.reduce((sum, type) => sum + weight(type), 0);
  const counts = new Map(types.map((type) => [type, Math.max(1, Math.floor((size * weight(type)) / total))]));
  const heaviest = types.reduce((a, b) => (weight(b) > weight(a) ? b : a));
  const allocated = [...counts.values()].reduce((a, b) => a + b, 0);
  counts.set(heaviest, Math.max(1, (counts.get(heaviest) ?? 0) + size - allocated));
  return counts;
}

export function generateInventory(library: TTestLibrary, size: number, seed: number): TInventory {
  const types = [...library.resourceTypes.keys()].sort();
  const missing = types.filter((type) => !GENERATORS.has(type));
  const covered = types.filter((type) => GENERATORS.has(type));
  if (covered.length === 0) return { resources: [], counts: new Map(), missing };
  const counts = allocate(covered, size);
  const resources: TResource[] = [];
  for (const [type, count] of counts) {
    const { make } = GENERATORS.get(type) as TGenerator;
    const rng = seededRng(seed ^ hash(type));
    for (let i = 0; i < count; i++) resources.push({ type, ...make(rng, i) });
  }
  return { resources, counts, missing };
}

/**
 * Checks the first resource of each type and about `sample` more, spread over the inventory, against the
 * library's schemas, so the benchmark measures input a collector could really have produced.
 */
export function validateSample(
  library: TTestLibrary,
  resources: readonly TResource[],
  sample = 5000,
): number {
  const step = Math.max(1, Math.floor(resources.length / sample));
  const seen = new Set<string>();
  let checked = 0;
  resources.forEach((resource, index) => {
    if (index % step !== 0 && seen.has(resource.type)) return;
    seen.add(resource.type);
    const schema = library.resourceTypes.get(resource.type)?.schema;
    const parsed = schema?.safeParse(resource.attributes);
    if (!parsed?.success) {
      const issue = parsed?.error.issues[0];
      throw new Error(
        `generated ${resource.type} ${resource.id} does not match its schema at ${issue?.path.join('.')}: ${issue?.message ?? 'unknown type'}`,
      );
    }
    checked += 1;
  });
  return checked;
}

/**
 * The next run's inventory: about `fraction` of the resources with one judged setting flipped. Changed
 * resources are copies, so the first run's inventory stays as it was.
 */
export function changeInventory(
  resources: readonly TResource[],
  fraction: number,
  seed: number,
): { resources: TResource[]; changed: number } {
  const rng = seededRng(seed);
  let changed = 0;
  const next = resources.map((resource) => {
    const generator = GENERATORS.get(resource.type);
    if (!generator || !rng.chance(fraction)) return resource;
    changed += 1;
    return { ...resource, attributes: generator.flip(resource.attributes) };
  });
  return { resources: next, changed };
}
