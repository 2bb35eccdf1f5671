import { diffLines, type TDiffLine } from '../../domain/policy-lifecycle.ts';
import type { AppDeps, OrgScope } from '../ports.ts';
import { getPolicyVersion } from './get-policy-version.ts';
import type { TPolicyActor } from './policy-access.ts';

export interface TPolicyDiff {
  from: number;
  to: number;
  lines: TDiffLine[];
  added: number;
  removed: number;
}

/** What changed between two versions of a policy, line by line. */
export async function diffPolicyVersions(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  versions: { from: number; to: number },
  actor: Pick<TPolicyActor, 'role'>,
): Promise<TPolicyDiff> {
  const from = await getPolicyVersion(deps, scope, id, versions.from, actor);
  const to = await getPolicyVersion(deps, scope, id, versions.to, actor);
  const lines = diffLines(from.version.bodyMarkdown, to.version.bodyMarkdown);
  return {
    from: versions.from,
    to: versions.to,
    lines,
    added: lines.filter((l) => l.op === 'add').length,
    removed: lines.filter((l) => l.op === 'del').length,
  };
}
