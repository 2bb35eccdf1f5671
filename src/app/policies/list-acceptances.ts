import type { TMemberRole } from '../../domain/permissions.ts';
import { mustAcceptPolicies, publishedVersion } from '../../domain/policy-lifecycle.ts';
import type { AppDeps, OrgScope, TPolicyAcceptance } from '../ports.ts';
import { requirePolicy } from './policy-access.ts';

export interface TPolicyAcceptances {
  policyId: string;
  /** The version to accept now; null when nothing is published. */
  publishedVersion: number | null;
  /** Every acceptance of every version, newest first. */
  acceptances: TPolicyAcceptance[];
  /** Members expected to accept who have not accepted the published version (empty when none is). */
  pending: Array<{ userId: string; email: string; role: TMemberRole }>;
}

/** Who accepted which version of a policy, and who still has to accept the published one. */
export async function listAcceptances(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
): Promise<TPolicyAcceptances> {
  const { repos } = deps.store;
  await requirePolicy(repos, scope, id);
  const current = publishedVersion(await repos.policies.listVersions(scope, id));
  const acceptances = await repos.policies.listAcceptances(scope, id);
  const accepted = new Set(acceptances.filter((a) => a.version === current?.version).map((a) => a.userId));
  const members = current ? await repos.memberships.list(scope) : [];
  return {
    policyId: id,
    publishedVersion: current?.version ?? null,
    acceptances,
    pending: members
      .filter((m) => mustAcceptPolicies(m.role) && !accepted.has(m.userId))
      .map((m) => ({ userId: m.userId, email: m.email, role: m.role }))
      .sort((a, b) => a.email.localeCompare(b.email)),
  };
}
