import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../src/domain/signature.ts';
import { ENGINE } from '../support/database.ts';
import { serverHarness } from '../support/server.ts';

// GET /ledger: the organization's signing key (made on the first call), the ledger's size, head and verdict.

let h: Awaited<ReturnType<typeof serverHarness>>;
const alpha = () => h.orgCall('alpha');
let viewer: string;
let owner: string;
let employee: string;
let foreign: string;

beforeAll(async () => {
  h = await serverHarness();
  const browser = await h.setupOwner('Alpha');
  await browser.call('PUT', '/api/v1/orgs/alpha/program', { reportType: 'type1', asOf: '2026-12-31' });
  await browser.call('POST', '/api/v1/orgs', { name: 'Beta' });
  viewer = await h.tokenFor('alpha', 'viewer');
  owner = await h.tokenFor('alpha', 'owner');
  employee = await h.tokenFor('alpha', 'employee');
  foreign = await h.tokenFor('beta', 'owner');
});
afterAll(() => h.close());

describe(`the evidence ledger over HTTP on ${ENGINE}`, () => {
  it('shows the public key with its fingerprint, the entries, the head and a verdict', async () => {
    const first = await alpha()('GET', '/ledger', viewer);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(body.fingerprint).toBe(keyFingerprint(body.publicKeyPem));
    expect(body.entries).toBeGreaterThan(0);
    expect(body.head).toMatch(/^[0-9a-f]{64}$/);
    expect(body.verdict).toEqual({ ok: true, entries: body.entries, head: body.head });
    expect(JSON.stringify(body)).not.toContain('PRIVATE');

    // The same key the next time; creating it was one more audit-log entry (so one more ledger entry).
    const second = (await alpha()('GET', '/ledger', viewer)).json();
    expect(second).toMatchObject({ publicKeyPem: body.publicKeyPem, fingerprint: body.fingerprint });
    const log = (await alpha()('GET', '/audit-log?action=ledger.signing_key_created', owner)).json();
    expect(log.items).toHaveLength(1);
    expect(log.items[0].details).toEqual({ algorithm: 'ed25519', fingerprint: body.fingerprint });
  });

  it('has its own key per organization, and refuses roles without audits:read', async () => {
    const beta = (await h.orgCall('beta')('GET', '/ledger', foreign)).json();
    const alphaKey = (await alpha()('GET', '/ledger', viewer)).json();
    expect(beta.fingerprint).not.toBe(alphaKey.fingerprint);
    expect((await alpha()('GET', '/ledger', employee)).statusCode).toBe(403);
    expect((await alpha()('GET', '/ledger', foreign)).statusCode).toBe(404);
  });
});
