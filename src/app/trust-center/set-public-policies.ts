import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { newPublicId } from './public-ids.ts';

export interface TTrustPolicyView {
  policyId: string;
  title: string;
  publishedVersion: number | null;
  public: boolean;
}

/** Every policy with whether the trust center shows it (only its published version is ever shown). */
export async function listTrustPolicies(deps: AppDeps, scope: OrgScope): Promise<TTrustPolicyView[]> {
  const [policies, shown] = await Promise.all([
    deps.store.repos.policies.list(scope),
    deps.store.repos.trustCenter.listPublicPolicies(scope),
  ]);
  const ids = new Set(shown.map((s) => s.policyId));
  return policies.map((p) => ({
    policyId: p.id,
    title: p.title,
    publishedVersion: p.publishedVersion,
    public: ids.has(p.id),
  }));
}

/** Marks exactly these policies public; a policy keeps its public id while it stays public. */
export async function setPublicPolicies(
  deps: AppDeps,
  scope: OrgScope,
  policyIds: string[],
): Promise<TTrustPolicyView[]> {
  const wanted = [...new Set(policyIds)];
  await deps.store.transaction(async (repos) => {
    const policies = await repos.policies.list(scope);
    const unknown = wanted.find((id) => !policies.some((p) => p.id === id));
    if (unknown) throw new AttestlyError('NOT_FOUND', `no policy ${unknown}`, { field: 'policyIds' });
    const current = new Map((await repos.trustCenter.listPublicPolicies(scope)).map((p) => [p.policyId, p]));
    await repos.trustCenter.setPublicPolicies(
      scope,
      wanted.map((policyId) => current.get(policyId) ?? { policyId, publicId: newPublicId(deps) }),
    );
    await recordChange(
      repos,
      scope,
      deps,
      'trust_center.policies_set',
      { type: 'trust_center', id: null },
      { public: policies.filter((p) => wanted.includes(p.id)).map((p) => p.title) },
    );
  });
  return listTrustPolicies(deps, scope);
}
