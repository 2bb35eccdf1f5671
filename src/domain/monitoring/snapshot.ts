import type { TResource } from './model.ts';

// The evidence snapshot of a run: the observed resources as canonical JSON (keys sorted at every depth,
// as domain/audit-chain.ts canonicalJson writes them), hashed with SHA-256. A million resources make a
// few hundred MiB of text, close to V8's largest string, so the text is produced in pieces, one resource
// at a time, for the caller to hash and store as a stream. Joined, the pieces are exactly canonicalJson of
// the snapshot; a test holds the two to that.

export interface TSnapshot {
  integration: { id: string; type: string };
  collectedAt: Date;
  resources: readonly TResource[];
}

/** The canonical JSON of one value, built by concatenation: the same text as canonicalJson, faster. */
export function canonicalText(value: unknown, quoted: Map<string, string> = new Map()): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      text += (i === 0 ? '' : ',') + canonicalText(item === undefined ? null : item, quoted);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, the order canonicalJson's comparator gives; keys are unique.
  const keys = Object.keys(record).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    let name = quoted.get(key);
    if (name === undefined) {
      name = JSON.stringify(key);
      quoted.set(key, name);
    }
    text += `${first ? '' : ','}${name}:${canonicalText(item, quoted)}`;
    first = false;
  }
  return `${text}}`;
}

/** The snapshot's canonical JSON in pieces: the envelope, then one piece per resource. */
export function* snapshotChunks(snapshot: TSnapshot): Generator<string> {
  // Keys in sorted order, as canonical JSON wants them: collectedAt, integration, resources.
  yield `{"collectedAt":${canonicalText(snapshot.collectedAt)},"integration":${canonicalText(snapshot.integration)},"resources":[`;
  const { resources } = snapshot;
  // Attribute names repeat from resource to resource: each is quoted once per snapshot.
  const quoted = new Map<string, string>();
  for (let i = 0; i < resources.length; i++) {
    const resource: unknown = resources[i];
    yield (i === 0 ? '' : ',') + canonicalText(resource === undefined ? null : resource, quoted);
  }
  yield ']}';
}
