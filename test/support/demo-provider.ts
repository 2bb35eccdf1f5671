import { z } from 'zod';
import { addIntegration } from '../../src/app/monitoring/add-integration.ts';
import type { Collector } from '../../src/app/monitoring/collector.ts';
import { scopeOf } from '../../src/app/ports.ts';
import { initProgram } from '../../src/app/program/init-program.ts';
import { loadCatalog } from '../../src/catalog/load-catalog.ts';
import { defineTest, resourceType } from '../../src/catalog/monitoring/define.ts';
import { buildLibrary } from '../../src/catalog/monitoring/library.ts';
import { AttestlyError } from '../../src/domain/errors.ts';
import { fail, pass } from '../../src/domain/monitoring/model.ts';
import { testApp } from './app.ts';

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

/**
 * An organization with a program (Type 1, Security) and the demo directory connected as "directory", on a
 * fresh database; close() drops it.
 */
export async function monitoredOrg(
  users: Record<string, boolean>,
  integration: { scheduleMinutes?: number } = {},
) {
  const demo = demoSystem(users);
  const app = await testApp(undefined, { monitoring: demo.monitoring });
  const { org } = await initProgram(app.deps, {
    name: 'Acme',
    reportType: 'type1',
    asOf: '2026-12-31',
    categories: [],
    componentKinds: ['software'],
    components: [],
  });
  const scope = scopeOf(org);
  const added = await addIntegration(app.deps, scope, {
    type: 'demo',
    name: 'directory',
    config: { token: 't' },
    ...integration,
  });
  return { ...app, ...demo, org, scope, integration: added };
}
