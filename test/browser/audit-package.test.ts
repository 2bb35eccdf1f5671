import { afterAll, beforeAll, expect, it } from 'vitest';
import { readZip } from '../../src/adapters/zip/read-zip.ts';
import { verifyPackage } from '../../src/domain/audit-package/verify-package.ts';
import {
  callApi,
  launchBrowser,
  screenshot,
  setUpOwner,
  type TBrowserSession,
  webHarness,
} from '../support/browser.ts';

// An audit's Package tab: the download link, the key's fingerprint and the verify command; the link's zip
// verifies with the key the page shows. No console errors (the strict CSP refuses inline styles).

let h: Awaited<ReturnType<typeof webHarness>>;
let b: TBrowserSession;

beforeAll(async () => {
  h = await webHarness();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await h?.close();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

it('offers the package with the fingerprint to compare and the command that verifies it', async () => {
  const owner = await b.newPage();
  await setUpOwner(owner, await h.setupLink());
  const window = { reportType: 'type2', windowStart: day(-30), windowEnd: day(120) };
  expect((await callApi(owner, 'PUT', '/api/v1/orgs/acme-cloud/program', window)).status).toBe(201);
  const audit = await callApi(owner, 'POST', '/api/v1/orgs/acme-cloud/audits', { firmName: 'Ledger & Co' });
  const auditId = (audit.body as { id: string }).id;

  await owner.goto(`${h.url}/o/acme-cloud/audits/${auditId}`);
  await owner.getByRole('link', { name: 'Package' }).click();
  await owner.getByRole('heading', { name: 'Audit package' }).waitFor();
  const fileName = `attestly-acme-cloud-${day(-30)}-${day(120)}.zip`;
  const link = owner.getByRole('link', { name: `Download ${fileName}` });
  expect(await link.getAttribute('href')).toBe(`/api/v1/orgs/acme-cloud/audits/${auditId}/package`);
  const fingerprint = (await owner.getByTestId('package-fingerprint').textContent())?.trim() ?? '';
  expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  await owner.getByText(`attestly verify ${fileName} --public-key organization-key.pem`).waitFor();
  await screenshot(owner, 'audit-package');

  // The link's bytes, fetched with the page's session, verify with the key the page shows.
  const bytes = await owner.evaluate(async (href) => {
    const response = await fetch(href);
    return Array.from(new Uint8Array(await response.arrayBuffer()));
  }, `/api/v1/orgs/acme-cloud/audits/${auditId}/package`);
  const { files, duplicates } = readZip(new Uint8Array(bytes));
  const report = verifyPackage({ files, duplicatePaths: duplicates });
  expect(report.findings).toEqual([]);
  expect(report.key.fingerprint).toBe(fingerprint);
  expect(b.problems).toEqual([]);
});
