import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../support/database.ts';
import { serverHarness } from '../support/server.ts';

// What the policy editor and the employee page rely on to never lose or misstate work: a save made on top of
// a text someone else saved since (even into the same draft) is refused, and accepting names the version
// the person read, which fails once another version is in force.

let h: Awaited<ReturnType<typeof serverHarness>>;
let owner: ReturnType<Awaited<ReturnType<typeof serverHarness>>['browser']>;
let policies: { id: string }[];

beforeAll(async () => {
  h = await serverHarness();
  owner = await h.setupOwner('Acme');
  await owner.call('PUT', '/api/v1/orgs/acme/program', { reportType: 'type1', asOf: '2026-12-31' });
  policies = (await owner.call('GET', '/api/v1/orgs/acme/policies')).json().items;
});
afterAll(() => h.close());

describe(`policy edit and acceptance conflicts over HTTP on ${ENGINE}`, () => {
  it('refuses a save over another save into the same draft, by the text the editor loaded', async () => {
    const base = `/api/v1/orgs/acme/policies/${policies[0]?.id}`;
    const loaded = (await owner.call('GET', base)).json().draft;
    expect(loaded).toMatchObject({ version: 1, status: 'draft' });

    // Someone else saves into draft 1: the version number stays 1.
    const other = await owner.call('PUT', `${base}/draft`, {
      bodyMarkdown: '# Theirs\n',
      expectedVersion: 1,
      expectedSha256: loaded.sha256,
    });
    expect(other.statusCode).toBe(200);
    expect(other.json().draft.version).toBe(1);

    // The editor that loaded the old text still says version 1, but its text is stale.
    const mine = await owner.call('PUT', `${base}/draft`, {
      bodyMarkdown: '# Mine\n',
      expectedVersion: 1,
      expectedSha256: loaded.sha256,
    });
    expect(mine.statusCode).toBe(409);
    expect(mine.json().error).toMatchObject({ code: 'CONFLICT', details: { currentVersion: 1 } });
    expect((await owner.call('GET', base)).json().draft.bodyMarkdown).toBe('# Theirs\n');

    // Saving on top of what is there now works.
    const again = await owner.call('PUT', `${base}/draft`, {
      bodyMarkdown: '# Mine\n',
      expectedVersion: 1,
      expectedSha256: other.json().draft.sha256,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().draft.bodyMarkdown).toBe('# Mine\n');

    const malformed = await owner.call('PUT', `${base}/draft`, { bodyMarkdown: 'x', expectedSha256: 'abc' });
    expect(malformed.statusCode).toBe(400);
  });

  it('accepts only the version the person read', async () => {
    const base = `/api/v1/orgs/acme/policies/${policies[1]?.id}`;
    for (const step of ['approve', 'publish'])
      expect((await owner.call('POST', `${base}/versions/1/${step}`)).statusCode).toBe(200);
    // Version 2 is published while the reader still has version 1 open.
    expect((await owner.call('PUT', `${base}/draft`, { bodyMarkdown: '# Two\n' })).statusCode).toBe(200);
    for (const step of ['approve', 'publish'])
      expect((await owner.call('POST', `${base}/versions/2/${step}`)).statusCode).toBe(200);

    const stale = await owner.call('POST', `${base}/accept`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'CONFLICT', details: { publishedVersion: 2 } });
    const pending = (await owner.call('GET', `${base}/acceptances`)).json();
    expect(pending.acceptances).toEqual([]);

    const current = await owner.call('POST', `${base}/accept`, { version: 2 });
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ version: 2, alreadyAccepted: false });
    // Without a version it accepts whatever is in force, as before.
    expect((await owner.call('POST', `${base}/accept`)).json()).toMatchObject({
      version: 2,
      alreadyAccepted: true,
    });
  });
});
