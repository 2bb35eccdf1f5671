import { AttestlyError } from '../../domain/errors.ts';
import { decidePublication } from '../../domain/policy-lifecycle.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TPolicyVersionMeta } from '../ports.ts';
import { requirePolicy, type TPolicyActor } from './policy-access.ts';

/**
 * Publishes an approved version: from now on it is the one employees accept, and the version published
 * before it is superseded (its acceptances stay on record).
 */
export async function publishPolicyVersion(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  version: number,
  actor: Pick<TPolicyActor, 'userId'>,
): Promise<{ published: TPolicyVersionMeta; superseded: number | null }> {
  return deps.store.transaction(async (repos) => {
    const policy = await requirePolicy(repos, scope, id, { forUpdate: true });
    const versions = await repos.policies.listVersions(scope, id);
    const { supersedes } = decidePublication(versions, version);
    const target = versions.find((v) => v.version === version);
    if (!target) throw new AttestlyError('NOT_FOUND', `the policy has no version ${version}`);
    const now = deps.clock.now();
    const stamp = { userId: actor.userId, at: now };
    const previous = versions.find((v) => v.version === supersedes);
    // The previous one first: the database allows one published version per policy at any moment.
    if (previous && !(await repos.policies.transition(scope, previous.id, 'published', 'superseded', stamp)))
      throw new AttestlyError('CONFLICT', 'the policy changed meanwhile; reload and try again');
    if (!(await repos.policies.transition(scope, target.id, 'approved', 'published', stamp)))
      throw new AttestlyError('CONFLICT', 'the version changed meanwhile; reload and try again');
    await recordChange(
      repos,
      scope,
      deps,
      'policy.version_published',
      { type: 'policy', id },
      { title: policy.title, version, sha256: target.sha256, supersededVersion: supersedes },
    );
    const published = (await repos.policies.listVersions(scope, id)).find((v) => v.version === version);
    if (!published) throw new AttestlyError('INTERNAL', 'the published version vanished');
    return { published, superseded: supersedes };
  });
}
