import { z } from 'zod';
import type { Collector } from '../../src/app/monitoring/collector.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { defineTest, resourceType } from '../../src/catalog/monitoring/define.ts';
import { buildLibrary } from '../../src/catalog/monitoring/library.ts';
import { AttestlyError } from '../../src/domain/errors.ts';
import { fail, pass } from '../../src/domain/monitoring/model.ts';

// A small provider for engine tests: its "system" is a list of users held in memory by the test, read
// through the same Collector port as a real integration.

const user = resourceType('demo.user', 'Demo user', z.object({ mfa: z.boolean() }));

export const demoLibrary = buildLibrary(
  [
    {
      provider: 'demo',
      resourceTypes: [user],
      tests: [
        defineTest(user, {
          id: 'demo.mfa',
          title: 'Every user has MFA',
          severity: 'high',
          rationale: 'Passwords alone are phished.',
          remediation: 'Enrol a second factor.',
          controls: ['AC-02'],
          evaluate: (r) =>
            r.attributes.mfa ? pass('MFA is on', { mfa: true }) : fail('MFA is off', { mfa: false }),
        }),
      ],
    },
  ],
  new Set(loadCatalog().controls.map((c) => c.id)),
);

/** The demo system: tests change `users` between runs, or make it refuse the next collection. */
export function demoSystem(users: Record<string, boolean>) {
  const system = { users, refuse: null as string | null };
  const collector: Collector = {
    type: 'demo',
    title: 'Demo directory',
    configSchema: z.strictObject({ token: z.string().min(1) }),
    async collect() {
      if (system.refuse)
        throw new AttestlyError('COLLECTION_FAILED', system.refuse, { permission: 'users:read' });
      return Object.entries(system.users).map(([id, mfa]) => ({
        type: 'demo.user',
        id,
        name: id,
        attributes: { mfa },
      }));
    },
  };
  return { system, monitoring: { collectors: new Map([['demo', collector]]), library: demoLibrary } };
}
