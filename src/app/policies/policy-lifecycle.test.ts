import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { ENGINE } from '../../../test/support/database.ts';
import { rejectionOf } from '../../../test/support/errors.ts';
import type { TMemberRole } from '../../domain/permissions.ts';
import { type OrgScope, scopeOf } from '../ports.ts';
import { initProgram, type TInitInput } from '../program/init-program.ts';
import { acceptPolicy } from './accept-policy.ts';
import { approvePolicyVersion } from './approve-policy-version.ts';
import { diffPolicyVersions } from './diff-policy-versions.ts';
import { editPolicy } from './edit-policy.ts';
import { getMyPage } from './get-my-page.ts';
import { getPolicy } from './get-policy.ts';
import { listAcceptances } from './list-acceptances.ts';
import { listPolicies } from './list-policies.ts';
import { publishPolicyVersion } from './publish-policy-version.ts';
import { setPolicyOwner } from './set-policy-owner.ts';

let app: Awaited<ReturnType<typeof testApp>>;
let scope: OrgScope;
let policyId: string;
const people: Record<string, { id: string; email: string; role: TMemberRole }> = {};

async function addPerson(s: OrgScope, name: string, role: TMemberRole) {
  const user = { id: app.deps.newId(), email: `${name}@acme.test` };
  await app.deps.store.repos.users.create(user);
  await app.deps.store.repos.memberships.add(s, user.id, role);
  people[name] = { ...user, role };
  return people[name];
}
const as = (name: string) => {
  const p = people[name];
  if (!p) throw new Error(`no ${name}`);
  return { userId: p.id, role: p.role };
};

const program: Omit<TInitInput, 'name' | 'ownerEmail'> = {
  reportType: 'type1',
  asOf: '2026-09-30',
  categories: [],
  componentKinds: ['software'],
  components: [],
};

// One organization for the file; each test works on a policy of its own, so the tests stay independent.
let unused: string[] = [];
beforeAll(async () => {
  app = await testApp();
  const init = await initProgram(app.deps, { name: 'Acme Cloud', ...program, ownerEmail: 'boss@acme.test' });
  scope = scopeOf(init.org);
  const owner = await app.deps.store.repos.users.findByEmail('boss@acme.test');
  if (!owner) throw new Error('no owner');
  people.boss = { ...owner, role: 'owner' };
  await addPerson(scope, 'carol', 'member');
  await addPerson(scope, 'dave', 'member');
  await addPerson(scope, 'erin', 'employee');
  await addPerson(scope, 'vic', 'viewer');
  unused = (await listPolicies(app.deps, scope)).map((p) => p.id);
});
afterAll(() => app.close());

beforeEach(async () => {
  const next = unused.shift();
  if (!next) throw new Error('not enough adopted policies for the tests');
  policyId = next;
  await setPolicyOwner(app.deps, scope, policyId, as('carol').userId);
});

async function auditActions(): Promise<string[]> {
  const chain = await app.deps.store.repos.auditLog.chain(scope);
  return chain.filter((e) => e.targetId === policyId).map((e) => e.action);
}

describe(`the policy lifecycle on ${ENGINE}`, () => {
  it('goes edit -> approve -> publish -> accept, each step in the audit log', async () => {
    const edited = await editPolicy(
      app.deps,
      scope,
      policyId,
      { bodyMarkdown: '# Policy\n\nText v1.\n' },
      as('dave'),
    );
    expect(edited).toMatchObject({ created: false, changed: true, draft: { version: 1, status: 'draft' } });
    expect(edited.draft.sha256).toMatch(/^[0-9a-f]{64}$/);

    const approved = await approvePolicyVersion(app.deps, scope, policyId, 1, as('carol'));
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'carol@acme.test' });
    expect(approved.approvedAt).toEqual(app.clock.now());

    const published = await publishPolicyVersion(app.deps, scope, policyId, 1, as('dave'));
    expect(published).toMatchObject({ superseded: null, published: { status: 'published', version: 1 } });

    const accepted = await acceptPolicy(app.deps, scope, policyId, as('erin'));
    expect(accepted).toMatchObject({ version: 1, alreadyAccepted: false, sha256: edited.draft.sha256 });

    const acceptances = await listAcceptances(app.deps, scope, policyId);
    expect(acceptances.publishedVersion).toBe(1);
    expect(acceptances.acceptances).toEqual([
      { userId: as('erin').userId, email: 'erin@acme.test', version: 1, acceptedAt: app.clock.now() },
    ]);
    // The viewer is not expected to accept; everyone else who has not is pending.
    expect(acceptances.pending.map((p) => p.email)).toEqual([
      'boss@acme.test',
      'carol@acme.test',
      'dave@acme.test',
    ]);

    const listed = (await listPolicies(app.deps, scope)).find((p) => p.id === policyId);
    expect(listed).toMatchObject({
      publishedVersion: 1,
      acceptanceCount: 1,
      latestStatus: 'published',
      ownerEmail: 'carol@acme.test',
    });
    expect(await auditActions()).toEqual([
      'policy.owner_changed',
      'policy.draft_saved',
      'policy.version_approved',
      'policy.version_published',
      'policy.accepted',
    ]);
  });

  it("refuses approval by anyone but the policy's owner, with FORBIDDEN", async () => {
    for (const name of ['dave', 'boss']) {
      const error = await rejectionOf(approvePolicyVersion(app.deps, scope, policyId, 1, as(name)));
      expect(error.code).toBe('FORBIDDEN');
    }
    const token = await rejectionOf(
      approvePolicyVersion(app.deps, scope, policyId, 1, { userId: null, role: 'owner' }),
    );
    expect(token.code).toBe('FORBIDDEN');
    expect((await getPolicy(app.deps, scope, policyId, { role: 'owner' })).versions[0]?.status).toBe('draft');
  });

  it('lets an organization owner or admin approve a policy that has no owner, but not a member', async () => {
    await setPolicyOwner(app.deps, scope, policyId, null);
    expect((await rejectionOf(approvePolicyVersion(app.deps, scope, policyId, 1, as('carol')))).code).toBe(
      'FORBIDDEN',
    );
    expect(await approvePolicyVersion(app.deps, scope, policyId, 1, as('boss'))).toMatchObject({
      approvedBy: 'boss@acme.test',
    });
  });

  it('refuses to publish a version before it is approved', async () => {
    const error = await rejectionOf(publishPolicyVersion(app.deps, scope, policyId, 1, as('carol')));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/approves it first/);
    expect(await auditActions()).toEqual(['policy.owner_changed']);
  });

  it('keeps the published version current for acceptance while a new draft is written', async () => {
    await approvePolicyVersion(app.deps, scope, policyId, 1, as('carol'));
    await publishPolicyVersion(app.deps, scope, policyId, 1, as('carol'));
    const v1 = (await getPolicy(app.deps, scope, policyId, { role: 'owner' })).published;

    const draft = await editPolicy(
      app.deps,
      scope,
      policyId,
      { bodyMarkdown: `${v1?.bodyMarkdown}\nA new rule.\n`, expectedVersion: 1 },
      as('dave'),
    );
    expect(draft).toMatchObject({
      created: true,
      draft: { version: 2, status: 'draft', createdBy: 'dave@acme.test' },
    });

    const view = await getPolicy(app.deps, scope, policyId, { role: 'member' });
    expect(view.published?.version).toBe(1);
    expect(view.draft?.version).toBe(2);
    expect((await acceptPolicy(app.deps, scope, policyId, as('erin'))).version).toBe(1);
    // An employee reads only what was published.
    const employeeView = await getPolicy(app.deps, scope, policyId, { role: 'employee' });
    expect(employeeView.draft).toBeNull();
    expect(employeeView.versions.map((v) => v.version)).toEqual([1]);

    const diff = await diffPolicyVersions(app.deps, scope, policyId, { from: 1, to: 2 }, { role: 'member' });
    expect(diff.lines.filter((l) => l.op !== 'same')).toEqual([{ op: 'add', text: 'A new rule.' }]);
    expect(
      (
        await rejectionOf(
          diffPolicyVersions(app.deps, scope, policyId, { from: 1, to: 2 }, { role: 'employee' }),
        )
      ).code,
    ).toBe('NOT_FOUND');

    // Publishing v2 supersedes v1: erin's acceptance of v1 stays on record, and v2 is to accept again.
    await approvePolicyVersion(app.deps, scope, policyId, 2, as('carol'));
    expect(await publishPolicyVersion(app.deps, scope, policyId, 2, as('carol'))).toMatchObject({
      superseded: 1,
    });
    const after = await getPolicy(app.deps, scope, policyId, { role: 'owner' });
    expect(after.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    const page = await getMyPage(app.deps, scope, {
      user: people.erin as { id: string; email: string },
      role: 'employee',
    });
    expect(page.policiesToAccept.find((p) => p.policyId === policyId)?.version).toBe(2);
    const acceptances = await listAcceptances(app.deps, scope, policyId);
    expect(acceptances.acceptances.map((a) => [a.email, a.version])).toEqual([['erin@acme.test', 1]]);
    expect(acceptances.pending.map((p) => p.email)).toContain('erin@acme.test');
  });

  it('lets an edit of an approved version start a new draft and lapse the approval', async () => {
    await approvePolicyVersion(app.deps, scope, policyId, 1, as('carol'));
    const edited = await editPolicy(app.deps, scope, policyId, { bodyMarkdown: 'changed' }, as('dave'));
    expect(edited.draft.version).toBe(2);
    const view = await getPolicy(app.deps, scope, policyId, { role: 'owner' });
    expect(view.versions.map((v) => v.status)).toEqual(['superseded', 'draft']);
    expect((await rejectionOf(publishPolicyVersion(app.deps, scope, policyId, 1, as('carol')))).code).toBe(
      'CONFLICT',
    );
  });

  it('refuses a stale edit, and saves an unchanged body without a new audit entry', async () => {
    const before = await getPolicy(app.deps, scope, policyId, { role: 'owner' });
    const body = before.draft?.bodyMarkdown ?? '';
    expect(await editPolicy(app.deps, scope, policyId, { bodyMarkdown: body }, as('dave'))).toMatchObject({
      changed: false,
    });
    const stale = await rejectionOf(
      editPolicy(app.deps, scope, policyId, { bodyMarkdown: 'x', expectedVersion: 2 }, as('dave')),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(await auditActions()).toEqual(['policy.owner_changed']);
  });

  it('records an acceptance once, however often it is sent', async () => {
    await approvePolicyVersion(app.deps, scope, policyId, 1, as('carol'));
    await publishPolicyVersion(app.deps, scope, policyId, 1, as('carol'));
    const first = await acceptPolicy(app.deps, scope, policyId, as('erin'));
    app.clock.advanceMinutes(5);
    const second = await acceptPolicy(app.deps, scope, policyId, as('erin'));
    expect(second).toEqual({ ...first, alreadyAccepted: true });
    expect((await listAcceptances(app.deps, scope, policyId)).acceptances).toHaveLength(1);
    expect((await auditActions()).filter((a) => a === 'policy.accepted')).toHaveLength(1);
  });

  it('refuses to accept a policy that was never published', async () => {
    expect((await rejectionOf(acceptPolicy(app.deps, scope, policyId, as('erin')))).code).toBe('CONFLICT');
  });

  it('names only a member who may approve as the owner', async () => {
    for (const name of ['erin', 'vic']) {
      const error = await rejectionOf(setPolicyOwner(app.deps, scope, policyId, as(name).userId));
      expect(error.code).toBe('INVALID_INPUT');
    }
  });

  it('shows the signed-in person their policies to accept and their tasks', async () => {
    await approvePolicyVersion(app.deps, scope, policyId, 1, as('carol'));
    await publishPolicyVersion(app.deps, scope, policyId, 1, as('carol'));
    await app.deps.store.repos.tasks.insert(scope, {
      id: app.deps.newId(),
      title: 'Complete security training',
      description: '',
      controlId: null,
      criterionId: null,
      assigneeUserId: as('erin').userId,
      status: 'todo',
      dueDate: null,
    });
    const erin = { id: as('erin').userId, email: 'erin@acme.test' };
    const page = await getMyPage(app.deps, scope, { user: erin, role: 'employee' });
    expect(page.policiesToAccept.map((p) => p.policyId)).toContain(policyId);
    expect(page.tasks.map((t) => t.title)).toEqual(['Complete security training']);
    await acceptPolicy(app.deps, scope, policyId, as('erin'));
    const after = await getMyPage(app.deps, scope, { user: erin, role: 'employee' });
    expect(after.policiesToAccept.map((p) => p.policyId)).not.toContain(policyId);
    expect(after.policiesToAccept).toHaveLength(page.policiesToAccept.length - 1);
    const viewer = await getMyPage(app.deps, scope, {
      user: people.vic as { id: string; email: string },
      role: 'viewer',
    });
    expect(viewer).toMatchObject({ policiesToAccept: [], tasks: [] });
  });

  it('keeps another organization out: it can neither see nor accept the policy', async () => {
    await approvePolicyVersion(app.deps, scope, policyId, 1, as('carol'));
    await publishPolicyVersion(app.deps, scope, policyId, 1, as('carol'));
    const other = await initProgram(app.deps, { name: 'Globex', ...program, ownerEmail: 'boss@globex.test' });
    const otherScope = scopeOf(other.org);
    const mallory = await addPerson(otherScope, 'mallory', 'owner');
    const actor = { userId: mallory.id, role: mallory.role };
    for (const attempt of [
      // Thunks: each call starts only when the previous one was refused.
      () => getPolicy(app.deps, otherScope, policyId, actor),
      () => acceptPolicy(app.deps, otherScope, policyId, actor),
      () => listAcceptances(app.deps, otherScope, policyId),
      () => editPolicy(app.deps, otherScope, policyId, { bodyMarkdown: 'mine now' }, actor),
      () => approvePolicyVersion(app.deps, otherScope, policyId, 1, actor),
      () => setPolicyOwner(app.deps, otherScope, policyId, mallory.id),
    ]) {
      expect((await rejectionOf(attempt())).code).toBe('NOT_FOUND');
    }
    const page = await getMyPage(app.deps, otherScope, { user: mallory, role: 'owner' });
    expect(page.policiesToAccept.map((p) => p.policyId)).not.toContain(policyId);
    expect((await listAcceptances(app.deps, scope, policyId)).acceptances).toEqual([]);
  });
});
