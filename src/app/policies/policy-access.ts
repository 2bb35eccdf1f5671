import { AttestlyError } from '../../domain/errors.ts';
import type { TMemberRole } from '../../domain/permissions.ts';
import { seesPolicyDrafts } from '../../domain/policy-lifecycle.ts';
import type { OrgScope, Repositories, TPolicy, TPolicyVersionMeta } from '../ports.ts';

// What the policy use-cases share: who is acting, and finding a policy of the organization or saying so.

/** The person (or API token, userId null) acting on a policy, with their role in the organization. */
export interface TPolicyActor {
  userId: string | null;
  role: TMemberRole;
}

export async function requirePolicy(
  repos: Repositories,
  scope: OrgScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TPolicy> {
  const policy = await repos.policies.find(scope, id, options);
  if (!policy) throw new AttestlyError('NOT_FOUND', 'no such policy');
  return policy;
}

/** Employees see only versions that were published; a draft or an approval in progress is not theirs to read. */
export function visibleTo(role: TMemberRole, version: Pick<TPolicyVersionMeta, 'publishedAt'>): boolean {
  return seesPolicyDrafts(role) || version.publishedAt !== null;
}
