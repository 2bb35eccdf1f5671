import { AttestlyError } from '../../domain/errors.ts';
import { checkPolicyBody, latestVersion, planPolicyEdit } from '../../domain/policy-lifecycle.ts';
import { sha256Hex } from '../../domain/policy-template.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TPolicyVersion, TPolicyVersionMeta } from '../ports.ts';
import { requirePolicy, type TPolicyActor } from './policy-access.ts';

export interface TPolicyEdit {
  bodyMarkdown: string;
  /** The latest version number the editor loaded; a newer one is refused instead of overwritten. */
  expectedVersion?: number | undefined;
  /** The SHA-256 of the latest text the editor loaded: catches another save into the same draft too. */
  expectedSha256?: string | undefined;
}

/** Another save since the editor loaded the text (even one that kept the version number) is a conflict. */
function checkExpectedText(
  versions: readonly TPolicyVersionMeta[],
  expectedSha256: string | undefined,
): void {
  if (expectedSha256 === undefined) return;
  const latest = latestVersion(versions);
  if (latest?.sha256 === expectedSha256) return;
  throw new AttestlyError(
    'CONFLICT',
    `the text of version ${latest?.version ?? 0} changed since you loaded it; reload and try again`,
    { currentVersion: latest?.version ?? 0 },
  );
}

/**
 * Saves a policy's text into its draft. With no draft (the latest version is approved or published), a new
 * draft version starts; an approval that was waiting to be published lapses, since it approved another text.
 */
export async function editPolicy(
  deps: AppDeps,
  scope: OrgScope,
  id: string,
  edit: TPolicyEdit,
  actor: Pick<TPolicyActor, 'userId'>,
): Promise<{ draft: TPolicyVersion; created: boolean; changed: boolean }> {
  checkPolicyBody(edit.bodyMarkdown);
  const sha256 = sha256Hex(edit.bodyMarkdown);
  return deps.store.transaction(async (repos) => {
    const policy = await requirePolicy(repos, scope, id, { forUpdate: true });
    const versions = await repos.policies.listVersions(scope, id);
    const plan = planPolicyEdit(versions, edit.expectedVersion);
    checkExpectedText(versions, edit.expectedSha256);
    const now = deps.clock.now();
    if (plan.kind === 'update') {
      const draft = versions.find((v) => v.version === plan.version);
      if (!draft) throw new AttestlyError('INTERNAL', 'the draft vanished');
      if (draft.sha256 === sha256) {
        const unchanged = await repos.policies.findVersion(scope, id, plan.version);
        if (!unchanged) throw new AttestlyError('INTERNAL', 'the draft vanished');
        return { draft: unchanged, created: false, changed: false };
      }
      if (
        !(await repos.policies.updateDraft(scope, draft.id, { bodyMarkdown: edit.bodyMarkdown, sha256 }, now))
      )
        throw new AttestlyError('CONFLICT', 'the draft was approved meanwhile; reload and try again');
      await recordChange(
        repos,
        scope,
        deps,
        'policy.draft_saved',
        { type: 'policy', id },
        { title: policy.title, version: plan.version, before: { sha256: draft.sha256 }, after: { sha256 } },
      );
    } else {
      if (plan.supersedes !== null) {
        const approved = versions.find((v) => v.version === plan.supersedes);
        if (
          !approved ||
          !(await repos.policies.transition(scope, approved.id, 'approved', 'superseded', {
            userId: actor.userId,
            at: now,
          }))
        )
          throw new AttestlyError('CONFLICT', 'the policy changed meanwhile; reload and try again');
      }
      await repos.policies.insertVersion(
        scope,
        { id: deps.newId(), policyId: id, version: plan.version, bodyMarkdown: edit.bodyMarkdown, sha256 },
        actor.userId,
        now,
      );
      await recordChange(
        repos,
        scope,
        deps,
        'policy.draft_started',
        { type: 'policy', id },
        {
          title: policy.title,
          version: plan.version,
          baseVersion: plan.baseVersion,
          supersededApproval: plan.supersedes,
          sha256,
        },
      );
    }
    const saved = await repos.policies.findVersion(scope, id, plan.version);
    if (!saved) throw new AttestlyError('INTERNAL', 'the saved draft vanished');
    return { draft: saved, created: plan.kind === 'create', changed: true };
  });
}
