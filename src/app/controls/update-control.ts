import { decideStatusChange, parseControlStatus, type TControl } from '../../domain/control.ts';
import { AttestlyError } from '../../domain/errors.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope, TControlPatch } from '../ports.ts';
import { recordReadinessSnapshot } from '../readiness/record-readiness-snapshot.ts';

export interface TControlChange {
  status?: string | undefined;
  notApplicableReason?: string | undefined;
  ownerEmail?: string | undefined;
  /** The version the caller edits; a stale one is refused instead of overwriting someone else's change. */
  expectedVersion?: number | undefined;
}

/**
 * Changes a control's status, owner, or marks it not applicable with a reason. An owner who is not yet a
 * member of the organization joins it as a member, the role that owns controls.
 */
export async function updateControl(
  deps: AppDeps,
  scope: OrgScope,
  code: string,
  change: TControlChange,
): Promise<TControl> {
  const wantsNa = change.notApplicableReason !== undefined;
  if (change.status === undefined && !wantsNa && change.ownerEmail === undefined) {
    throw new AttestlyError(
      'INVALID_INPUT',
      'nothing to change: give --status, --owner or --not-applicable REASON',
    );
  }
  const requested = change.status !== undefined ? parseControlStatus(change.status) : undefined;
  if (wantsNa && requested !== undefined && requested !== 'not_applicable') {
    throw new AttestlyError(
      'INVALID_INPUT',
      `--not-applicable cannot be combined with --status ${change.status}`,
    );
  }
  const statusChange =
    wantsNa || requested !== undefined
      ? decideStatusChange(
          wantsNa ? 'not_applicable' : (requested ?? 'not_started'),
          change.notApplicableReason,
        )
      : undefined;
  const ownerEmail = change.ownerEmail?.trim().toLowerCase();
  if (ownerEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(ownerEmail)) {
    throw new AttestlyError('INVALID_INPUT', `"${change.ownerEmail}" is not an email address`);
  }

  const updated = await deps.store.transaction(async (repos) => {
    const before = await repos.controls.findByCode(scope, code);
    if (!before) throw new AttestlyError('NOT_FOUND', `unknown control "${code}" (see "attestly controls")`);
    const patch: TControlPatch = { ...statusChange };
    if (ownerEmail !== undefined) {
      let user = await repos.users.findByEmail(ownerEmail);
      if (!user) {
        user = { id: deps.newId(), email: ownerEmail };
        await repos.users.create(user);
      }
      if (!(await repos.memberships.find(scope, user.id))) {
        await repos.memberships.add(scope, user.id, 'member');
        await recordChange(
          repos,
          scope,
          deps,
          'membership.added',
          { type: 'user', id: user.id },
          { email: ownerEmail, role: 'member' },
        );
      }
      patch.ownerUserId = user.id;
    }
    if (!(await repos.controls.update(scope, before.id, patch, deps.clock.now(), change.expectedVersion))) {
      throw new AttestlyError(
        'CONFLICT',
        `control ${code} changed since version ${change.expectedVersion} (now ${before.version}); reload and try again`,
        { currentVersion: before.version },
      );
    }
    const after = await repos.controls.findByCode(scope, code);
    if (!after) throw new AttestlyError('INTERNAL', `control ${code} vanished during the update`);
    await recordChange(
      repos,
      scope,
      deps,
      'control.updated',
      { type: 'control', id: before.id },
      {
        code,
        before: {
          status: before.status,
          notApplicableReason: before.notApplicableReason,
          owner: before.ownerEmail,
        },
        after: {
          status: after.status,
          notApplicableReason: after.notApplicableReason,
          owner: after.ownerEmail,
        },
      },
    );
    return after;
  });
  await recordReadinessSnapshot(deps, scope);
  return updated;
}
