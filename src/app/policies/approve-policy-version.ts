import { AttestlyError } from '../../domain/errors.ts';
import { decideApproval, mayApprovePolicy } from '../../domain/policy-lifecycle.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TPolicyVersionMeta } from '../ports.ts';
import { requirePolicy, type TPolicyActor } from './policy-access.ts';

/** The policy's owner approves its latest draft; the approval names who approved and when. */
export async function approvePolicyVersion(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  version: number,
  actor: TPolicyActor,
): Promise<TPolicyVersionMeta> {
  return deps.store.transaction(async (repos) => {
    const policy = await requirePolicy(repos, scope, id, { forUpdate: true });
    if (!mayApprovePolicy(policy, actor)) {
      throw new AttestlyError(
        'FORBIDDEN',
        actor.userId === null
          ? 'an approval names a person: sign in to approve'
          : policy.ownerUserId !== null
            ? `only the policy's owner (${policy.ownerEmail}) approves it`
            : 'this policy has no owner: an organization owner or admin approves it (or set its owner)',
      );
    }
    const versions = await repos.policies.listVersions(scope, id);
    decideApproval(versions, version);
    const target = versions.find((v) => v.version === version);
    if (!target) throw new AttestlyError('NOT_FOUND', `the policy has no version ${version}`);
    const now = deps.clock.now();
    if (
      !(await repos.policies.transition(scope, target.id, 'draft', 'approved', {
        userId: actor.userId,
        at: now,
      }))
    )
      throw new AttestlyError('CONFLICT', 'the version changed meanwhile; reload and try again');
    await recordChange(
      repos,
      scope,
      deps,
      'policy.version_approved',
      { type: 'policy', id },
      { title: policy.title, version, sha256: target.sha256 },
    );
    const after = (await repos.policies.listVersions(scope, id)).find((v) => v.version === version);
    if (!after) throw new AttestlyError('INTERNAL', 'the approved version vanished');
    return after;
  });
}
