import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { serverHarness } from '../support/server.ts';

// The data inventory and the privacy registers over HTTP: what each register accepts, the registers that
// need Privacy in scope, deadlines for requests and breaches, filing a register as evidence, and roles.

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: Awaited<ReturnType<typeof h.setupOwner>>;
let member: string;
let auditor: string;
let viewer: string;
let foreign: string;
const alpha = () => h.orgCall('alpha');

const ASSET = {
  name: 'Customer accounts',
  system: 'PostgreSQL (production)',
  dataCategories: ['contact details', 'billing address'],
  classification: 'confidential',
  personalInformation: true,
  retention: 'Life of the contract + 90 days',
  disposalMethod: 'Row deletion, backups age out after 35 days',
};

beforeAll(async () => {
  h = await serverHarness();
  owner = await h.setupOwner('Alpha');
  await owner.call('PUT', '/api/v1/orgs/alpha/program', { reportType: 'type1', asOf: '2026-12-31' });
  await owner.call('POST', '/api/v1/orgs', { name: 'Beta' });
  member = await h.tokenFor('alpha', 'member');
  auditor = await h.tokenFor('alpha', 'auditor');
  viewer = await h.tokenFor('alpha', 'viewer');
  foreign = await h.tokenFor('beta', 'owner');
  await h.orgCall('beta')('PUT', '/program', foreign, { reportType: 'type1', asOf: '2026-12-31' });
});
afterAll(() => h.close());

describe(`data and privacy registers on ${ENGINE}`, () => {
  let assetId: string;

  it('keeps the data inventory for everyone and the privacy registers only with Privacy in scope', async () => {
    const summary = await alpha()('GET', '/privacy', auditor);
    expect(summary.statusCode).toBe(200);
    expect(summary.json().privacyInScope).toBe(false);
    const open = summary.json().registers.filter((r: { open: boolean }) => r.open);
    expect(open.map((r: { register: string }) => r.register)).toEqual(['data_asset']);
    const consent = await alpha()('POST', '/privacy/consent', member, {
      data: {
        subject: 'u-1',
        purpose: 'newsletter',
        noticeVersion: '1',
        givenOn: '2026-06-01',
        method: 'web_form',
      },
    });
    expect(consent.statusCode).toBe(400);
    expect(consent.json().error.message).toContain('Privacy is in scope');
  });

  it('checks an entry field by field, naming the field', async () => {
    const bad = await alpha()('POST', '/privacy/data_asset', member, {
      data: { ...ASSET, classification: 'secret' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual({ field: 'classification' });
    const extra = await alpha()('POST', '/privacy/data_asset', member, { data: { ...ASSET, colour: 'red' } });
    expect(extra.statusCode).toBe(400);
    const created = await alpha()('POST', '/privacy/data_asset', member, { data: ASSET });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      label: 'Customer accounts (PostgreSQL (production))',
      version: 1,
    });
    expect(created.json().data.ownerEmail).toBeNull();
    assetId = created.json().id;
    expect((await alpha()('POST', '/privacy/data_asset', viewer, { data: ASSET })).statusCode).toBe(403);
  });

  it('edits at a version, refuses a stale one, and never across organizations', async () => {
    const edited = await alpha()('PUT', `/privacy/data_asset/${assetId}`, member, {
      version: 1,
      data: { ...ASSET, classification: 'restricted' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, data: { classification: 'restricted' } });
    const stale = await alpha()('PUT', `/privacy/data_asset/${assetId}`, member, { version: 1, data: ASSET });
    expect(stale.statusCode).toBe(409);
    const foreignEdit = await h.orgCall('beta')('PUT', `/privacy/data_asset/${assetId}`, foreign, {
      version: 2,
      data: ASSET,
    });
    expect(foreignEdit.statusCode).toBe(404);
    const log = await owner.call('GET', `/api/v1/orgs/alpha/audit-log?targetId=${assetId}`);
    expect(log.body).toContain('privacy.entry_updated');
    expect(log.body).toContain('restricted');
  });

  it('shows deadlines for data-subject requests and breaches once Privacy is in scope', async () => {
    const scoped = await owner.call('PUT', '/api/v1/orgs/alpha/program', {
      reportType: 'type1',
      asOf: '2026-12-31',
      categories: ['privacy'],
    });
    expect(scoped.statusCode).toBe(200);
    // The test clock stands at 2026-06-15T09:00Z.
    const late = await alpha()('POST', '/privacy/data_subject_request', member, {
      data: {
        requester: 'jane@example.test',
        type: 'deletion',
        receivedOn: '2026-05-01',
        identityVerified: true,
      },
    });
    expect(late.statusCode).toBe(201);
    expect(late.json().deadline).toEqual({ due: '2026-05-31', overdue: true });
    const done = await alpha()('PUT', `/privacy/data_subject_request/${late.json().id}`, member, {
      version: 1,
      data: { ...late.json().data, status: 'completed', completedOn: '2026-06-10', outcome: 'Deleted' },
    });
    expect(done.json().deadline).toEqual({ due: '2026-05-31', overdue: false });

    const breach = await alpha()('POST', '/privacy/breach', member, {
      data: {
        title: 'Support inbox exposed',
        discoveredAt: '2026-06-14T00:00:00Z',
        description: 'A shared link to the support inbox was public for two days.',
        personalInformation: true,
      },
    });
    expect(breach.json().deadline).toEqual({ due: '2026-06-17T00:00:00.000Z', overdue: false });
    const summary = await alpha()('GET', '/privacy', auditor);
    const byName = Object.fromEntries(
      summary.json().registers.map((r: { register: string }) => [r.register, r]),
    );
    expect(byName.breach).toMatchObject({ open: true, entries: 1, overdue: 0 });
    expect(byName.data_subject_request).toMatchObject({ entries: 1, overdue: 0 });
  });

  it('files the data inventory as evidence for the controls of C1.1 and C1.2', async () => {
    const filed = await alpha()('POST', '/privacy/data_asset/evidence', member);
    expect(filed.statusCode).toBe(201);
    expect(filed.json().title).toBe('Data inventory as of 2026-06-15');
    expect(filed.json().controlCodes.length).toBeGreaterThan(0);
    const evidence = await alpha()('GET', '/evidence?limit=500', auditor);
    const item = evidence.json().items.find((e: { id: string }) => e.id === filed.json().evidenceId);
    expect(item?.fileName).toBe('data-asset-2026-06-15.csv');
    expect((await alpha()('POST', '/privacy/data_asset/evidence', viewer)).statusCode).toBe(403);
  });
});
