import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  type TChainEntry,
  type TChainedEntry,
  verifyChain,
} from './audit-chain.ts';

function chain(n: number): TChainedEntry[] {
  const out: TChainedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry: TChainEntry = {
      orgId: 'org-1',
      seq,
      occurredAt: new Date(Date.UTC(2026, 0, seq)),
      actorType: 'user',
      actor: 'alice@example.com',
      action: 'control.updated',
      targetType: 'control',
      targetId: `c-${seq}`,
      details: { after: { status: 'implemented' }, seq },
      requestId: `req-${seq}`,
      sourceAddress: '127.0.0.1',
    };
    const hash = chainHash(prev, entry);
    out.push({ ...entry, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and returns its head', () => {
    const entries = chain(5);
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 5, head: entries[4]?.hash });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
  });

  it('names an altered entry', () => {
    const entries = chain(5);
    entries[2] = { ...(entries[2] as TChainedEntry), details: { after: { status: 'not_started' }, seq: 3 } };
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 3, problem: 'altered' });
  });

  it('names a removed entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 2, problem: 'missing' });
  });

  it('finds an entry forged with a recomputed hash by the next entry link', () => {
    const entries = chain(4);
    const { prevHash, hash: _old, ...content } = entries[2] as TChainedEntry;
    const forgedContent = { ...content, actor: 'mallory' };
    entries[2] = { ...forgedContent, prevHash, hash: chainHash(prevHash, forgedContent) };
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 4, problem: 'out_of_order' });
  });

  it('names entries that were swapped', () => {
    const entries = chain(4);
    const [second, third] = [entries[1] as TChainedEntry, entries[2] as TChainedEntry];
    entries[1] = { ...third, seq: 2 };
    entries[2] = { ...second, seq: 3 };
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 2, problem: 'out_of_order' });
  });
});
