import type { AppDeps, OrgScope, TPolicy, TPolicyVersion, TPolicyVersionMeta } from '../ports.ts';
import { requirePolicy, type TPolicyActor, visibleTo } from './policy-access.ts';

export interface TPolicyView {
  policy: TPolicy;
  /** Every version, oldest first, without bodies (employees: only the ones that were published). */
  versions: TPolicyVersionMeta[];
  /** The version being worked on (draft or approved), with its body; null for employees. */
  draft: TPolicyVersion | null;
  /** The version employees accept now, with its body. */
  published: TPolicyVersion | null;
}

/** A policy for the editor: its versions, the working draft and the published text. */
export async function getPolicy(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  actor: Pick<TPolicyActor, 'role'>,
): Promise<TPolicyView> {
  const { repos } = deps.store;
  const policy = await requirePolicy(repos, scope, id);
  const versions = (await repos.policies.listVersions(scope, id)).filter((v) => visibleTo(actor.role, v));
  const working = versions.find((v) => v.status === 'draft' || v.status === 'approved');
  const published = versions.find((v) => v.status === 'published');
  return {
    policy,
    versions,
    draft: working ? await repos.policies.findVersion(scope, id, working.version) : null,
    published: published ? await repos.policies.findVersion(scope, id, published.version) : null,
  };
}
