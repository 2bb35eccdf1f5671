import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFsBlobStore } from '../../adapters/blobs/fs-blob-store.ts';
import { canonicalJson } from '../../domain/audit-chain.ts';
import type { TResource } from '../../domain/monitoring/model.ts';
import { snapshotChunks } from '../../domain/monitoring/snapshot.ts';
import { snapshotBytes, storeSnapshot } from './store-snapshot.ts';

const collectedAt = new Date('2026-03-02T09:30:00.123Z');
const integration = { id: 'int-1', type: 'postgres' };

/** Resources with what canonical JSON has to get right: key order, nesting, escapes, undefined, non-ASCII. */
const resources: TResource[] = [
  {
    type: 'postgres.server',
    id: 'db-1',
    name: 'primary "eu"',
    attributes: {
      ssl: true,
      settings: { z: 1, a: [3, { y: null, b: 'två' }], m: undefined },
      hba: [{ type: 'host', methods: ['scram-sha-256', 'trust'] }, undefined],
      '\u00e9t\u00e9': 'ok',
      'line\nbreak': '\u2028 \ud83d\udd12 \\ back',
      empty: {},
      nothing: [],
      count: 1e21,
      ratio: -0.5,
      seen: new Date('2026-01-01T00:00:00Z') as unknown as string,
    },
  },
  { type: 'idp.user', id: 'u1', name: 'alice', attributes: { mfa: false, zeta: 0, alpha: '' } },
];

describe('the evidence snapshot', () => {
  it('streams exactly the bytes of canonicalJson of the whole snapshot', () => {
    const whole = canonicalJson({ integration, collectedAt, resources });
    expect([...snapshotChunks({ integration, collectedAt, resources })].join('')).toBe(whole);
    expect([...snapshotChunks({ integration, collectedAt, resources: [] })].join('')).toBe(
      canonicalJson({ integration, collectedAt, resources: [] }),
    );
    const bytes = Buffer.concat([...snapshotBytes({ integration, collectedAt, resources })]);
    expect(bytes.equals(Buffer.from(whole, 'utf8'))).toBe(true);
  });

  it('hands a large inventory over in pieces of about a MiB, with the same text', () => {
    const many: TResource[] = Array.from({ length: 6000 }, (_, i) => ({
      type: 'idp.user',
      id: `u${i}`,
      name: `user ${i} ${'x'.repeat(300)}`,
      attributes: { mfa: i % 2 === 0, groups: ['staff', `team-${i % 7}`] },
    }));
    const pieces = [...snapshotBytes({ integration, collectedAt, resources: many })];
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces.slice(0, -1)) expect(piece.byteLength).toBeLessThan(2 << 20);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(
      canonicalJson({ integration, collectedAt, resources: many }),
    );
  });

  it('is stored under the SHA-256 of that canonical JSON', async () => {
    const blobs = createFsBlobStore(mkdtempSync(join(tmpdir(), 'attestly-blobs-')));
    const whole = new TextEncoder().encode(canonicalJson({ integration, collectedAt, resources }));
    const stored = await storeSnapshot(blobs, { integration, collectedAt, resources });
    expect(stored).toEqual(await blobs.put(whole));
    expect(Buffer.from(await blobs.get(stored.key)).equals(Buffer.from(whole))).toBe(true);
  });
});
