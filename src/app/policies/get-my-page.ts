import type { TMemberRole } from '../../domain/permissions.ts';
import { mustAcceptPolicies } from '../../domain/policy-lifecycle.ts';
import type { AppDeps, OrgScope, TTask } from '../ports.ts';

export interface TMyPage {
  user: { id: string; email: string };
  role: TMemberRole;
  /** Published versions this user has not accepted yet (empty for roles that do not accept policies). */
  policiesToAccept: Array<{
    policyId: string;
    title: string;
    version: number;
    sha256: string;
    publishedAt: Date;
  }>;
  /** Tasks assigned to this user, done ones included. */
  tasks: TTask[];
}

/** What a signed-in person has to do in an organization: policies to accept and their own tasks. */
export async function getMyPage(
  deps: AppDeps,
  scope: OrgScope,
  me: { user: { id: string; email: string }; role: TMemberRole },
): Promise<TMyPage> {
  const { repos } = deps.store;
  return {
    user: me.user,
    role: me.role,
    policiesToAccept: mustAcceptPolicies(me.role)
      ? await repos.policies.listUnaccepted(scope, me.user.id)
      : [],
    tasks: await repos.tasks.list(scope, { assigneeUserId: me.user.id }),
  };
}
