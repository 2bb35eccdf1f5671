import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../src/adapters/zip/read-zip.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { verifyPackage } from '../../src/domain/audit-package/verify-package.ts';
import { ENGINE } from '../support/database.ts';
import { multipart, serverHarness } from '../support/server.ts';

// Issue 6's "done when", on the demo organization, as a new user would go: the owner invites an auditor
// into the demo's audit, who sees only that audit and only evidence dated in its window; the auditor draws
// a sample twice with the same seed and gets the same items; a control's timeline shows an exception; the
// package downloads and verifies offline with the organization's public key, and a changed byte in one
// evidence file is named.

let h: Awaited<ReturnType<typeof serverHarness>>;
let ownerToken: string;
let auditor: ReturnType<typeof h.browser>;
let auditId: string;
let period: { from: string; to: string };
const demo = () => h.orgCall('demo');

beforeAll(async () => {
  h = await serverHarness();
  await seedDemo(h.app.deps);
  ownerToken = await h.tokenFor('demo', 'owner');
  const audits = await demo()('GET', '/audits', ownerToken);
  expect(audits.statusCode).toBe(200);
  const audit = audits.json().items[0];
  auditId = audit.id;
  period = { from: audit.windowStart, to: audit.windowEnd };
}, 300_000);
afterAll(() => h.close());

describe(`the audit on the demo organization (${ENGINE})`, () => {
  it('invites an auditor who sees only the audit and the evidence of its window', async () => {
    // Evidence collected and valid before the window: the owner sees it, the invited auditor must not.
    const now = h.app.clock.now();
    h.app.clock.set(new Date(Date.parse(`${period.from}T09:00:00Z`) - 90 * 86_400_000));
    const before = new Date(Date.parse(`${period.from}T00:00:00Z`) - 200 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const lapsed = new Date(Date.parse(`${period.from}T00:00:00Z`) - 100 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const body = multipart(
      {
        controls: 'AC-01',
        title: 'Last year’s access policy sign-off',
        validFrom: before,
        validUntil: lapsed,
      },
      { name: 'old-sign-off.txt', content: 'signed off, a year ago' },
    );
    const uploaded = await h.server.inject({
      method: 'POST',
      url: '/api/v1/orgs/demo/evidence',
      headers: { ...h.bearer(ownerToken), ...body.headers },
      payload: body.payload,
    });
    h.app.clock.set(now);
    expect(uploaded.statusCode).toBe(201);
    const oldId = uploaded.json().id;

    const invited = await demo()('POST', `/audits/${auditId}/auditors`, ownerToken, {
      email: 'sam@cpa-firm.test',
    });
    expect(invited.statusCode).toBe(201);
    const token = new URL(invited.json().link).searchParams.get('token');
    auditor = h.browser();
    const registered = await auditor.call('POST', '/api/v1/invitations/register', {
      token,
      password: 'a long and careful auditor password',
    });
    expect(registered.statusCode).toBe(200);
    expect(registered.json().role).toBe('auditor');
    await auditor.call('GET', '/api/v1/session');

    const list = await auditor.call('GET', '/api/v1/orgs/demo/audits');
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([auditId]);
    const evidence = await auditor.call('GET', '/api/v1/orgs/demo/evidence?limit=500');
    const seen = evidence.json().items.map((e: { id: string }) => e.id);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain(oldId);
    const ownerSees = await demo()('GET', '/evidence?limit=500', ownerToken);
    expect(ownerSees.json().items.map((e: { id: string }) => e.id)).toContain(oldId);
    const file = await auditor.call('GET', `/api/v1/orgs/demo/evidence/${oldId}/file`);
    expect(file.statusCode).toBe(404);
    // Nor on the control's page, whose history keeps to the period too.
    const control = await auditor.call('GET', '/api/v1/orgs/demo/controls/AC-01');
    expect(control.json().evidence.map((e: { id: string }) => e.id)).not.toContain(oldId);
    const early = Date.parse(`${period.from}T00:00:00Z`);
    expect(
      control.json().history.every((e: { occurredAt: string }) => Date.parse(e.occurredAt) >= early),
    ).toBe(true);
    const ownerControl = await demo()('GET', '/controls/AC-01', ownerToken);
    expect(ownerControl.json().evidence.map((e: { id: string }) => e.id)).toContain(oldId);
    // Read-only: the auditor changes nothing in the program.
    const edit = await auditor.call('PATCH', '/api/v1/orgs/demo/controls/AC-01', {
      version: 1,
      status: 'implemented',
    });
    expect(edit.statusCode).toBe(403);
  });

  it('draws the same sample twice from the same seed', async () => {
    const first = await auditor.call('POST', `/api/v1/orgs/demo/audits/${auditId}/samples`, {
      controlCode: 'CHG-01',
      kind: 'change',
    });
    expect(first.statusCode).toBe(201);
    const { seed, itemIds, populationDigest } = first.json();
    expect(itemIds.length).toBeGreaterThan(0);
    const again = await auditor.call('POST', `/api/v1/orgs/demo/audits/${auditId}/samples`, {
      controlCode: 'CHG-01',
      kind: 'change',
      seed,
    });
    expect(again.json()).toMatchObject({ seed, itemIds, populationDigest });
    const other = await auditor.call('POST', `/api/v1/orgs/demo/audits/${auditId}/samples`, {
      controlCode: 'CHG-01',
      kind: 'change',
      seed: `${seed}0`,
    });
    expect(other.json().itemIds).not.toEqual(itemIds);
  });

  it("shows a control's timeline with an exception", async () => {
    const exceptions = await auditor.call('GET', `/api/v1/orgs/demo/audits/${auditId}/exceptions`);
    expect(exceptions.statusCode).toBe(200);
    const items = exceptions.json().items as Array<{ controlCode: string; kind: string }>;
    expect(items.length).toBeGreaterThan(0);
    const code = items[0]?.controlCode ?? '';
    const timeline = await auditor.call(
      'GET',
      `/api/v1/orgs/demo/audits/${auditId}/controls/${code}/timeline`,
    );
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json().exceptions.length).toBeGreaterThan(0);
    expect(timeline.json().days.length).toBeGreaterThan(0);
  });

  it('downloads a package that verifies offline, and names the evidence file with a changed byte', async () => {
    const started = performance.now();
    const download = await auditor.call('GET', `/api/v1/orgs/demo/audits/${auditId}/package`);
    const exportMs = performance.now() - started;
    expect(download.statusCode).toBe(200);
    const bytes = new Uint8Array(download.rawPayload);
    const ledger = await demo()('GET', '/ledger', ownerToken);
    const trusted = ledger.json().publicKeyPem as string;

    const verifiedAt = performance.now();
    const unzipped = readZip(bytes);
    const verdict = verifyPackage({
      files: unzipped.files,
      duplicatePaths: unzipped.duplicates,
      trustedPublicKeyPem: trusted,
    });
    const verifyMs = performance.now() - verifiedAt;
    expect(verdict.findings).toEqual([]);
    expect(verdict.ok).toBe(true);
    console.info(
      `demo package: ${bytes.length} bytes, exported in ${exportMs.toFixed(0)} ms, verified in ${verifyMs.toFixed(0)} ms`,
    );

    const files = unzipSync(bytes);
    const evidencePath =
      Object.keys(files).find((p) => p.startsWith('evidence/') && !p.endsWith('index.csv')) ?? '';
    const changed = new Uint8Array(files[evidencePath] ?? []);
    changed[0] = (changed[0] ?? 0) ^ 0x01;
    const tampered = verifyPackage({
      files: readZip(zipSync({ ...files, [evidencePath]: changed })).files,
      trustedPublicKeyPem: trusted,
    });
    expect(tampered.ok).toBe(false);
    expect(tampered.findings.map((f) => f.message)).toContain(
      `${evidencePath}: SHA-256 differs from the manifest`,
    );
  });
});
