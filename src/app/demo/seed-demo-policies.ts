import { AttestlyError } from '../../domain/errors.ts';
import { acceptPolicy } from '../policies/accept-policy.ts';
import { approvePolicyVersion } from '../policies/approve-policy-version.ts';
import { publishPolicyVersion } from '../policies/publish-policy-version.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

// The demo's policies: a few of the adopted drafts approved by their owners and published, then accepted
// by the people who must read them, through the policy lifecycle's own use-cases.

/** The demo's core policies, by template, in the order they were published. */
const PUBLISHED_TEMPLATES = 5;

const asUser = (deps: AppDeps, email: string): AppDeps => ({
  ...deps,
  actor: { type: 'user', id: email, requestId: null, sourceAddress: null },
});

/** Approves and publishes the first policies (by title); returns their ids. */
export async function publishDemoPolicies(deps: AppDeps, scope: OrgScope): Promise<string[]> {
  const { repos } = deps.store;
  const summaries = (await repos.policies.list(scope)).sort((a, b) => a.title.localeCompare(b.title));
  const published: string[] = [];
  for (const summary of summaries.slice(0, PUBLISHED_TEMPLATES)) {
    const policy = await repos.policies.find(scope, summary.id);
    if (!policy) continue;
    // Its owner approves; a policy nobody owns is approved by the organization's owner.
    const approverId = policy.ownerUserId ?? (await ownerOf(deps, scope));
    const role = await repos.memberships.find(scope, approverId);
    const email = policy.ownerEmail ?? (await repos.users.getAuth(approverId)).email;
    if (!role) continue;
    const actor = { userId: approverId, role };
    await approvePolicyVersion(asUser(deps, email), scope, summary.id, summary.latestVersion, actor);
    await publishPolicyVersion(asUser(deps, email), scope, summary.id, summary.latestVersion, actor);
    published.push(summary.id);
  }
  return published;
}

async function ownerOf(deps: AppDeps, scope: OrgScope): Promise<string> {
  const members = await deps.store.repos.memberships.list(scope);
  const owner = members.find((m) => m.role === 'owner');
  if (!owner) throw new AttestlyError('INTERNAL', 'the demo organization has no owner');
  return owner.userId;
}

/** One person reads and accepts the given policies. */
export async function acceptDemoPolicies(
  deps: AppDeps,
  scope: OrgScope,
  policyIds: string[],
  email: string,
): Promise<number> {
  const user = await deps.store.repos.users.findByEmail(email);
  if (!user) return 0;
  for (const id of policyIds) await acceptPolicy(asUser(deps, email), scope, id, { userId: user.id });
  return policyIds.length;
}
