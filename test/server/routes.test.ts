import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, MEMBER_ROLES } from '../../src/domain/permissions.ts';
import { ENGINE } from '../support/database.ts';
import { serverHarness } from '../support/server.ts';

// Every route declares who may call it. This walks every route with every role and checks the answer
// against the permission table: 401 without credentials, 403 when the role may not, 404 for an
// organization the caller does not belong to, and never 401/403 when the table allows it.

let h: Awaited<ReturnType<typeof serverHarness>>;
const tokens: Record<string, string> = {};
let foreignToken: string;

beforeAll(async () => {
  h = await serverHarness();
  const owner = await h.setupOwner('Alpha');
  await owner.call('PUT', '/api/v1/orgs/alpha/program', { reportType: 'type1', asOf: '2026-12-31' });
  await owner.call('POST', '/api/v1/orgs', { name: 'Beta' });
  for (const role of MEMBER_ROLES) tokens[role] = await h.tokenFor('alpha', role);
  foreignToken = await h.tokenFor('beta', 'owner');
});
afterAll(() => h.close());

function fill(url: string): string {
  return url
    .replace(':org', 'alpha')
    .replace(':code', 'AC-01')
    .replace(':criterion', 'CC6.4')
    .replace(':id', '00000000-0000-4000-8000-00000000ffff');
}

describe(`every route on ${ENGINE}`, () => {
  it('has a summary, response schemas and an access rule', () => {
    expect(h.server.routeTable.length).toBeGreaterThan(25);
    for (const route of h.server.routeTable) {
      expect({
        route: `${route.method} ${route.url}`,
        summary: Boolean(route.summary),
        response: route.hasResponse,
      }).toEqual({
        route: `${route.method} ${route.url}`,
        summary: true,
        response: true,
      });
      expect(route.access).toBeDefined();
    }
  });

  it('appears in the OpenAPI 3.1 document', async () => {
    const doc = (await h.server.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    for (const route of h.server.routeTable.filter((r) => r.url !== '/api/v1/openapi.json')) {
      expect(documented).toContain(`${route.method} ${route.url}`);
    }
  });

  it('answers each role as the permission table says', async () => {
    const checked: string[] = [];
    for (const route of h.server.routeTable) {
      const access = route.access;
      if (!access || access.kind === 'public') continue;
      const url = fill(route.url);
      const call = (headers: Record<string, string>) =>
        h.server.inject({
          method: route.method as 'GET',
          url,
          headers,
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
      const anonymous = await call({});
      expect({ route: `${route.method} ${route.url}`, status: anonymous.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
      if (access.kind === 'session') {
        const byToken = await call(h.bearer(tokens.owner ?? ''));
        expect(byToken.statusCode).toBe(403);
        continue;
      }
      // Only a device credential opens the agent's routes: no role's API token does.
      if (access.kind === 'device') {
        const byToken = await call(h.bearer(tokens.owner ?? ''));
        expect({ route: route.url, status: byToken.statusCode }).toEqual({ route: route.url, status: 403 });
        continue;
      }
      for (const role of MEMBER_ROLES) {
        const response = await call(h.bearer(tokens[role] ?? ''));
        // A member's own settings: no API token opens them, whatever its role.
        const allowed = can(role, access.permission) && !access.person;
        const label = `${role} ${route.method} ${route.url}`;
        if (allowed)
          expect({ label, denied: [401, 403].includes(response.statusCode) }).toEqual({
            label,
            denied: false,
          });
        else
          expect({ label, status: response.statusCode, code: response.json().error?.code }).toEqual({
            label,
            status: 403,
            code: 'FORBIDDEN',
          });
        checked.push(label);
      }
      const foreign = await call(h.bearer(foreignToken));
      expect({ route: route.url, status: foreign.statusCode, body: foreign.body }).toEqual({
        route: route.url,
        status: 404,
        body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no organization "alpha"' } }),
      });
    }
    expect(checked.length).toBeGreaterThan(100);
  });
});
