import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { serverHarness } from '../support/server.ts';

// The risk register over HTTP: record, link controls, accept; who may accept; the audit trail; and one
// organization never sees another's risks.

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: string;
let member: string;
let auditor: string;
let foreign: string;
const alpha = () => h.orgCall('alpha');

beforeAll(async () => {
  h = await serverHarness();
  const browser = await h.setupOwner('Alpha');
  await browser.call('PUT', '/api/v1/orgs/alpha/program', { reportType: 'type1', asOf: '2026-12-31' });
  await browser.call('POST', '/api/v1/orgs', { name: 'Beta' });
  owner = await h.tokenFor('alpha', 'owner');
  member = await h.tokenFor('alpha', 'member');
  auditor = await h.tokenFor('alpha', 'auditor');
  foreign = await h.tokenFor('beta', 'owner');
});
afterAll(() => h.close());

describe(`the risk register on ${ENGINE}`, () => {
  let riskId: string;

  it('records a risk with scores and ratings, then links controls', async () => {
    const created = await alpha()('POST', '/risks', member, {
      title: 'Insider fraud on refunds',
      category: 'fraud',
      inherentLikelihood: 4,
      inherentImpact: 5,
      residualLikelihood: 2,
      residualImpact: 4,
      treatment: 'accept',
      ownerEmail: 'owner@acme.test',
      reviewDate: '2027-03-31',
    });
    expect(created.statusCode).toBe(201);
    const risk = created.json();
    expect(risk).toMatchObject({
      inherentScore: 20,
      inherentRating: 'critical',
      residualScore: 8,
      residualRating: 'medium',
      ownerEmail: 'owner@acme.test',
      status: 'open',
      version: 1,
      acceptedAt: null,
    });
    riskId = risk.id;

    const linked = await alpha()('PUT', `/risks/${riskId}/controls`, member, {
      controlCodes: ['RISK-03', 'gov-14'],
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().controlCodes).toEqual(['GOV-14', 'RISK-03']);

    const unknown = await alpha()('PUT', `/risks/${riskId}/controls`, member, { controlCodes: ['NOPE-01'] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details).toEqual({ field: 'controlCodes' });
  });

  it('refuses a residual score above the inherent one, naming the field', async () => {
    const response = await alpha()('PATCH', `/risks/${riskId}`, member, {
      version: 1,
      residualLikelihood: 5,
      residualImpact: 5,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual({ field: 'residualLikelihood' });
  });

  it('refuses acceptance by a member, accepts by an owner and records who and when', async () => {
    const byMember = await alpha()('POST', `/risks/${riskId}/accept`, member, { version: 1, note: 'fine' });
    expect(byMember.statusCode).toBe(403);
    const accepted = await alpha()('POST', `/risks/${riskId}/accept`, owner, {
      version: 1,
      note: 'Within appetite until the refund tool is replaced',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      version: 2,
      acceptedByLabel: expect.stringContaining('owner token'),
      acceptanceNote: 'Within appetite until the refund tool is replaced',
    });
    expect(accepted.json().acceptedAt).toEqual(expect.any(String));
    const stale = await alpha()('PATCH', `/risks/${riskId}`, member, { version: 1, title: 'x' });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses acceptance when the treatment is not "accept"', async () => {
    const created = await alpha()('POST', '/risks', member, { libraryId: 'RL-04' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      category: 'change',
      libraryId: 'RL-04',
      treatment: 'mitigate',
      controlCodes: ['CHG-12', 'HR-13', 'RISK-04'],
    });
    const refused = await alpha()('POST', `/risks/${created.json().id}/accept`, owner, {
      version: 1,
      note: 'ok',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual({ field: 'treatment' });
  });

  it('counts open risks per cell on the heat map', async () => {
    const response = await alpha()('GET', '/risks/heat-map', auditor);
    expect(response.statusCode).toBe(200);
    const map = response.json();
    expect(map.open).toBe(2);
    const at = (cells: Array<{ likelihood: number; impact: number; count: number }>, l: number, i: number) =>
      cells.find((c) => c.likelihood === l && c.impact === i)?.count;
    expect(at(map.inherent, 4, 5)).toBe(1);
    expect(at(map.residual, 2, 4)).toBe(1);
    expect(at(map.inherent, 3, 3)).toBe(1);
  });

  it('writes every change to the audit log', async () => {
    const response = await alpha()('GET', '/audit-log?limit=50', owner);
    const actions = (response.json().items as Array<{ action: string; targetId: string }>)
      .filter((e) => e.targetId === riskId)
      .map((e) => e.action);
    expect(actions.sort()).toEqual(['risk.accepted', 'risk.controls_linked', 'risk.created']);
  });

  it('lets auditors read but not write, and hides the register from another organization', async () => {
    expect((await alpha()('GET', '/risks', auditor)).json().total).toBe(2);
    expect((await alpha()('POST', '/risks', auditor, { title: 'x', category: 'fraud' })).statusCode).toBe(
      403,
    );
    expect((await alpha()('GET', `/risks/${riskId}`, foreign)).statusCode).toBe(404);
    expect((await h.orgCall('beta')('GET', `/risks/${riskId}`, foreign)).statusCode).toBe(404);
    expect((await h.orgCall('beta')('GET', '/risks', foreign)).json().total).toBe(0);
    const library = await h.server.inject({ method: 'GET', url: '/api/v1/risk-library' });
    expect(library.json().items.length).toBeGreaterThanOrEqual(12);
  });
});
