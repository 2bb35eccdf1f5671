import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTest, resourceType } from '../../catalog/monitoring/define.ts';
import { buildLibrary } from '../../catalog/monitoring/library.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { fail, pass } from '../../domain/monitoring/model.ts';
import type { Collector } from './collector.ts';
import { resolveEnv, scan } from './scan.ts';

// The scan use-case over a small provider written for this test: a port implementation, not a mock of ours.

const user = resourceType('demo.user', 'A demo user', z.object({ mfa: z.boolean() }));
const library = buildLibrary(
  [
    {
      provider: 'demo',
      resourceTypes: [user],
      tests: [
        defineTest(user, {
          id: 'demo.mfa',
          title: 'MFA',
          severity: 'high',
          rationale: 'r',
          remediation: 'm',
          controls: ['AC-02'],
          evaluate: (r) => (r.attributes.mfa ? pass('on') : fail('off')),
        }),
      ],
    },
  ],
  new Set(['AC-02']),
);

const demo: Collector<z.ZodObject<{ users: z.ZodArray<z.ZodBoolean>; token: z.ZodString }>> = {
  type: 'demo',
  title: 'Demo',
  configSchema: z.object({ users: z.array(z.boolean()), token: z.string() }),
  async collect(config) {
    if (config.token !== 'secret')
      throw new AttestlyError('COLLECTION_FAILED', 'bad token', { permission: 'read:users' });
    return config.users.map((mfa, i) => ({
      type: 'demo.user',
      id: `u${i}`,
      name: `user${i}`,
      attributes: { mfa },
    }));
  },
};
const collectors = new Map<string, Collector>([['demo', demo as unknown as Collector]]);
const deps = { collectors, library, now: () => new Date('2026-06-01'), env: { DEMO_TOKEN: 'secret' } };
const quiet = { progress: () => undefined };

describe('scan', () => {
  it('collects, validates and judges every resource; secrets come from the environment', async () => {
    const result = await scan(
      deps,
      { integrations: [{ type: 'demo', users: [true, false], token: { env: 'DEMO_TOKEN' } }] },
      quiet,
    );
    expect(result.integrations).toEqual([
      { type: 'demo', name: 'demo #1', status: 'collected', resources: 2 },
    ]);
    expect(result.outcomes.map((o) => [o.resourceId, o.status])).toEqual([
      ['u0', 'pass'],
      ['u1', 'fail'],
    ]);
  });

  it('reports a failed collection loudly, with the permission, and judges nothing of it', async () => {
    const result = await scan(
      deps,
      { integrations: [{ type: 'demo', users: [true], token: 'wrong' }] },
      quiet,
    );
    expect(result.integrations[0]).toMatchObject({
      status: 'failed',
      error: { message: 'bad token', details: { permission: 'read:users' } },
    });
    expect(result.outcomes).toEqual([]);
  });

  it('refuses unknown types, bad settings and missing variables, naming where', async () => {
    await expect(scan(deps, { integrations: [{ type: 'nope' }] }, quiet)).rejects.toThrow(
      'integrations[0].type: unknown integration type "nope"',
    );
    await expect(
      scan(deps, { integrations: [{ type: 'demo', users: 'x', token: 't' }] }, quiet),
    ).rejects.toThrow(/integrations\[0\]\.users/);
    expect(() => resolveEnv({ a: [{ env: 'MISSING' }] }, {})).toThrow(
      'a[0]: environment variable MISSING is not set',
    );
  });

  it('refuses a resource that does not match its type, as a collection failure', async () => {
    const sloppy: Collector = {
      ...(demo as unknown as Collector),
      collect: async () => [{ type: 'demo.user', id: 'u', name: 'u', attributes: { mfa: 'yes' } }],
    };
    const result = await scan(
      { ...deps, collectors: new Map([['demo', sloppy]]) },
      { integrations: [{ type: 'demo', users: [], token: 'secret' }] },
      quiet,
    );
    expect(result.integrations[0]?.status).toBe('failed');
    expect(result.integrations[0]?.error?.message).toMatch(/does not match its schema at mfa/);
  });
});
