import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { multipart, serverHarness } from '../support/server.ts';

// Vendors over HTTP, with the test clock at 2026-06-15: the rubric's tier, a SOC 2 report uploaded and its
// expiry warned 60 days ahead, a bridge letter, reviews feeding the 'vendor_review' population, subservice
// organizations with CSOCs, CUECs, the dashboard's vendor warnings, the audit log, roles, and one
// organization never seeing another's vendors.

let h: Awaited<ReturnType<typeof serverHarness>>;
let member: string;
let auditor: string;
let employee: string;
let foreign: string;
const alpha = () => h.orgCall('alpha');

const PDF = '%PDF-1.4\n% a vendor SOC 2 report\n%%EOF\n';
const BRIDGE = '%PDF-1.4\n% a bridge letter\n%%EOF\n';

async function upload(url: string, fields: Record<string, string>, file: { name: string; content: string }) {
  const body = multipart(fields, file);
  return h.server.inject({
    method: 'POST',
    url: `/api/v1/orgs/alpha${url}`,
    headers: { ...h.bearer(member), ...body.headers },
    payload: body.payload,
  });
}

beforeAll(async () => {
  h = await serverHarness();
  const owner = await h.setupOwner('Alpha');
  await owner.call('PUT', '/api/v1/orgs/alpha/program', { reportType: 'type1', asOf: '2026-12-31' });
  await owner.call('POST', '/api/v1/orgs', { name: 'Beta' });
  member = await h.tokenFor('alpha', 'member');
  auditor = await h.tokenFor('alpha', 'auditor');
  employee = await h.tokenFor('alpha', 'employee');
  foreign = await h.tokenFor('beta', 'owner');
});
afterAll(() => h.close());

describe(`vendors on ${ENGINE}`, () => {
  let vendorId: string;
  let reportId: string;
  let reviewId: string;

  it('adds a vendor tiered by the rubric, with a missing report and no review yet', async () => {
    const created = await alpha()('POST', '/vendors', member, {
      name: 'Relaymail',
      services: 'Transactional email: sign-in links and password resets',
      dataCategories: ['customer_personal_data'],
      operationalDependency: 'outage',
      productionAccess: 'limited',
      ownerEmail: 'owner@acme.test',
      contractStart: '2025-08-01',
      renewalDate: '2027-08-01',
    });
    expect(created.statusCode).toBe(201);
    const vendor = created.json();
    expect(vendor).toMatchObject({
      tier: 'critical',
      cadence: 'quarterly',
      reviewCadence: null,
      ownerEmail: 'owner@acme.test',
      reportStatus: 'missing',
      nextReviewDue: null,
      status: 'active',
      version: 1,
    });
    expect(vendor.tierReasons.at(-1)).toBe('2 answers at the highest level: critical');
    expect(vendor.warnings.map((w: { kind: string }) => w.kind)).toEqual([
      'report_missing',
      'review_missing',
    ]);
    vendorId = vendor.id;
  });

  it('refuses contradictory data categories, a non-member owner and a second vendor of the same name', async () => {
    const none = await alpha()('POST', '/vendors', member, {
      name: 'Mixed',
      dataCategories: ['none', 'financial'],
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toEqual({ field: 'dataCategories' });
    const owner = await alpha()('POST', '/vendors', member, {
      name: 'Stranger',
      dataCategories: ['none'],
      ownerEmail: 'nobody@elsewhere.test',
    });
    expect(owner.statusCode).toBe(400);
    expect(owner.json().error.details).toEqual({ field: 'ownerEmail' });
    const twice = await alpha()('POST', '/vendors', member, { name: 'relaymail', dataCategories: ['none'] });
    expect(twice.statusCode).toBe(409);
  });

  it('stores an uploaded SOC 2 report by its SHA-256 and warns that it expires within 60 days', async () => {
    const response = await upload(
      `/vendors/${vendorId}/reports`,
      {
        reportType: 'type2',
        periodStart: '2024-08-01',
        periodEnd: '2025-07-31',
        opinion: 'unqualified',
        exceptions: 'One change deployed without approval (CC8.1).',
      },
      { name: 'relaymail-soc2-2025.pdf', content: PDF },
    );
    expect(response.statusCode).toBe(201);
    const report = response.json();
    expect(report).toMatchObject({
      fileName: 'relaymail-soc2-2025.pdf',
      mediaType: 'application/pdf',
      sha256: createHash('sha256').update(PDF).digest('hex'),
      // 12 months after the period ends, by default.
      expiresOn: '2026-07-31',
      bridgeLetter: null,
    });
    expect(report).not.toHaveProperty('blobKey');
    reportId = report.id;

    const { vendor } = (await alpha()('GET', `/vendors/${vendorId}`, auditor)).json();
    expect(vendor.reportStatus).toBe('expiring');
    expect(vendor.warnings).toContainEqual({
      kind: 'report_expiring',
      severity: 'warn',
      message: 'SOC 2 report expires in 46 days, on 2026-07-31',
      date: '2026-07-31',
    });

    const file = await alpha()('GET', `/vendors/${vendorId}/reports/${reportId}/file`, auditor);
    expect(file.statusCode).toBe(200);
    expect(file.headers['x-content-sha256']).toBe(report.sha256);
    expect(file.body).toBe(PDF);
  });

  it('refuses a report that is not a PDF, or a Type 2 without its start', async () => {
    const text = await upload(
      `/vendors/${vendorId}/reports`,
      { reportType: 'type2', periodStart: '2025-01-01', periodEnd: '2025-12-31', opinion: 'unqualified' },
      { name: 'report.pdf', content: 'not a pdf' },
    );
    expect(text.statusCode).toBe(415);
    expect(text.json().error.details).toEqual({ field: 'file' });
    const noStart = await upload(
      `/vendors/${vendorId}/reports`,
      { reportType: 'type2', periodEnd: '2025-12-31', opinion: 'unqualified' },
      { name: 'report.pdf', content: PDF },
    );
    expect(noStart.statusCode).toBe(400);
    expect(noStart.json().error.details).toEqual({ field: 'periodStart' });
  });

  it('extends the coverage with a bridge letter, which must cover time after the period', async () => {
    const early = await upload(
      `/vendors/${vendorId}/reports/${reportId}/bridge-letter`,
      { coveredUntil: '2025-06-30' },
      { name: 'bridge.pdf', content: BRIDGE },
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details).toEqual({ field: 'coveredUntil' });
    const bridged = await upload(
      `/vendors/${vendorId}/reports/${reportId}/bridge-letter`,
      { coveredUntil: '2026-10-31' },
      { name: 'bridge.pdf', content: BRIDGE },
    );
    expect(bridged.statusCode).toBe(200);
    expect(bridged.json().bridgeLetter).toMatchObject({
      fileName: 'bridge.pdf',
      coveredUntil: '2026-10-31',
      sha256: createHash('sha256').update(BRIDGE).digest('hex'),
    });
    const { vendor } = (await alpha()('GET', `/vendors/${vendorId}`, member)).json();
    expect(vendor).toMatchObject({ reportStatus: 'current', latestReport: { coveredUntil: '2026-10-31' } });
    expect(vendor.warnings.map((w: { kind: string }) => w.kind)).toEqual(['review_missing']);
  });

  it('records a review into the vendor_review population and sets the next due date', async () => {
    const ahead = await alpha()('POST', `/vendors/${vendorId}/reviews`, member, {
      reviewedOn: '2026-07-01',
      reviewerEmail: 'owner@acme.test',
      outcome: 'approved',
    });
    expect(ahead.statusCode).toBe(400);
    const noReviewer = await alpha()('POST', `/vendors/${vendorId}/reviews`, member, {
      reviewedOn: '2026-02-01',
      outcome: 'approved',
    });
    expect(noReviewer.statusCode).toBe(400);
    expect(noReviewer.json().error.details).toEqual({ field: 'reviewerEmail' });

    const reviewed = await alpha()('POST', `/vendors/${vendorId}/reviews`, member, {
      reviewedOn: '2026-02-01',
      reviewerEmail: 'Owner@Acme.test',
      outcome: 'approved_with_conditions',
      notes: 'Exception on change approval accepted; follow up at renewal.',
      reportId,
    });
    expect(reviewed.statusCode).toBe(201);
    reviewId = reviewed.json().id;
    expect(reviewed.json()).toMatchObject({ reviewerEmail: 'owner@acme.test', reportId });

    const { vendor, reviews } = (await alpha()('GET', `/vendors/${vendorId}`, member)).json();
    expect(reviews).toHaveLength(1);
    // Quarterly for a critical vendor: due 2026-05-01, so overdue on 2026-06-15.
    expect(vendor).toMatchObject({
      lastReview: { reviewedOn: '2026-02-01', outcome: 'approved_with_conditions' },
      nextReviewDue: '2026-05-01',
    });
    expect(vendor.warnings).toEqual([
      {
        kind: 'review_overdue',
        severity: 'bad',
        message: 'The quarterly review was due 45 days ago, on 2026-05-01',
        date: '2026-05-01',
      },
    ]);

    const items = await h.app.deps.store.repos.populations.list(await h.scopeFor('alpha'), 'vendor_review', {
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-12-31T00:00:00Z'),
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      externalId: reviewId,
      title: 'Relaymail: approved with conditions',
      attributes: { vendor: 'Relaymail', tier: 'critical', outcome: 'approved_with_conditions' },
      source: { kind: 'register', ref: 'vendors' },
    });
    expect(items[0]?.occurredAt.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('marks a subservice organization with its CSOCs, listed for the system description', async () => {
    const unknown = await alpha()('PUT', `/vendors/${vendorId}/subservice`, member, {
      version: 1,
      method: 'carve_out',
      csocs: [{ description: 'x', criteria: ['CC99.1'] }],
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details).toEqual({ field: 'csocs.0' });
    const set = await alpha()('PUT', `/vendors/${vendorId}/subservice`, member, {
      version: 1,
      method: 'carve_out',
      reportSections: 'Section 3, Subservice organizations',
      csocs: [
        {
          description: 'Relaymail restricts access to its mail servers to authorized staff.',
          criteria: ['cc6.1'],
        },
        { description: 'Relaymail monitors delivery and notifies customers of incidents.', criteria: [] },
      ],
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ version: 2, subservice: { method: 'carve_out' } });
    expect(set.json().subservice.csocs[0].criteria).toEqual(['CC6.1']);
    const stale = await alpha()('PUT', `/vendors/${vendorId}/subservice`, member, {
      version: 1,
      method: null,
    });
    expect(stale.statusCode).toBe(409);

    const listed = await alpha()('GET', '/subservice-organizations', auditor);
    expect(listed.json().items).toEqual([
      {
        name: 'Relaymail',
        services: 'Transactional email: sign-in links and password resets',
        method: 'carve_out',
        csocs: [
          'Relaymail restricts access to its mail servers to authorized staff.',
          'Relaymail monitors delivery and notifies customers of incidents.',
        ],
        reportSections: 'Section 3, Subservice organizations',
      },
    ]);
    const repoView = await h.app.deps.store.repos.vendors.listSubserviceOrganizations(
      await h.scopeFor('alpha'),
    );
    expect(repoView).toEqual(listed.json().items);
  });

  it('keeps the CUECs the organization expects of its customers', async () => {
    const added = await alpha()('POST', '/cuecs', member, {
      description: 'Customers manage the access of their own users to the application.',
      criteria: ['CC6.2', 'cc6.1'],
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().criteria).toEqual(['CC6.1', 'CC6.2']);
    const second = await alpha()('POST', '/cuecs', member, {
      description: 'Customers keep their API keys secret.',
    });
    const bad = await alpha()('POST', '/cuecs', member, { description: 'x', criteria: ['ZZ1.1'] });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.details).toEqual({ field: 'criteria' });
    const changed = await alpha()('PATCH', `/cuecs/${second.json().id}`, member, {
      description: 'Customers keep their API keys secret and rotate them when staff leave.',
      criteria: ['CC6.1'],
    });
    expect(changed.statusCode).toBe(200);
    const third = await alpha()('POST', '/cuecs', member, { description: 'To be removed.' });
    expect((await alpha()('DELETE', `/cuecs/${third.json().id}`, member)).statusCode).toBe(204);
    expect((await alpha()('DELETE', `/cuecs/${third.json().id}`, member)).statusCode).toBe(404);
    const listed = (await alpha()('GET', '/cuecs', auditor)).json().items;
    expect(listed.map((c: { description: string }) => c.description)).toEqual([
      'Customers manage the access of their own users to the application.',
      'Customers keep their API keys secret and rotate them when staff leave.',
    ]);
    expect(await h.app.deps.store.repos.vendors.listCuecs(await h.scopeFor('alpha'))).toEqual(listed);
  });

  it('warns of a renewal within 60 days, never of an offboarded vendor, and shows warnings on the dashboard', async () => {
    const slack = await alpha()('POST', '/vendors', member, {
      name: 'Chatter',
      dataCategories: ['employee_data'],
      operationalDependency: 'minor',
      productionAccess: 'none',
      renewalDate: '2026-07-20',
    });
    expect(slack.json()).toMatchObject({ tier: 'medium', cadence: 'annual', reportStatus: 'none' });
    expect(slack.json().warnings.map((w: { kind: string }) => w.kind)).toEqual([
      'renewal_approaching',
      'review_missing',
    ]);
    const dashboard = (await alpha()('GET', '/dashboard', auditor)).json();
    expect(
      dashboard.vendorWarnings.map((w: { vendorName: string; kind: string }) => `${w.vendorName} ${w.kind}`),
    ).toEqual(['Relaymail review_overdue', 'Chatter renewal_approaching', 'Chatter review_missing']);

    const off = await alpha()('PATCH', `/vendors/${slack.json().id}`, member, {
      version: 1,
      status: 'offboarded',
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ status: 'offboarded', warnings: [] });
  });

  it('writes every change to the audit log', async () => {
    const owner = await h.tokenFor('alpha', 'owner');
    const entries = (await alpha()('GET', '/audit-log?limit=100', owner)).json().items as Array<{
      action: string;
      targetId: string;
    }>;
    expect(
      entries
        .filter((e) => e.targetId === vendorId)
        .map((e) => e.action)
        .sort(),
    ).toEqual([
      'vendor.bridge_letter_added',
      'vendor.created',
      'vendor.report_added',
      'vendor.reviewed',
      'vendor.subservice_set',
    ]);
    const actions = entries.map((e) => e.action);
    expect(actions).toContain('vendor.offboarded');
    expect(actions.filter((a) => a.startsWith('cuec.')).sort()).toEqual([
      'cuec.added',
      'cuec.added',
      'cuec.added',
      'cuec.removed',
      'cuec.updated',
    ]);
  });

  it('lets auditors read but not write, keeps employees out, and hides vendors from another organization', async () => {
    expect((await alpha()('GET', '/vendors', auditor)).json().total).toBe(2);
    const write = await alpha()('POST', '/vendors', auditor, { name: 'x', dataCategories: ['none'] });
    expect(write.statusCode).toBe(403);
    expect((await alpha()('GET', '/vendors', employee)).statusCode).toBe(403);
    expect((await alpha()('GET', `/vendors/${vendorId}`, foreign)).statusCode).toBe(404);
    expect((await h.orgCall('beta')('GET', `/vendors/${vendorId}`, foreign)).statusCode).toBe(404);
    expect(
      (await h.orgCall('beta')('GET', `/vendors/${vendorId}/reports/${reportId}/file`, foreign)).statusCode,
    ).toBe(404);
    expect(
      (
        await h.orgCall('beta')('POST', `/vendors/${vendorId}/reviews`, foreign, {
          reviewedOn: '2026-06-01',
          reviewerEmail: 'owner@acme.test',
          outcome: 'approved',
        })
      ).statusCode,
    ).toBe(404);
    expect((await h.orgCall('beta')('GET', '/vendors', foreign)).json().total).toBe(0);
    expect((await h.orgCall('beta')('GET', '/cuecs', foreign)).json().items).toEqual([]);
    expect((await h.orgCall('beta')('GET', '/subservice-organizations', foreign)).json().items).toEqual([]);
  });
});
