import {
  effectiveChoice,
  mayReceive,
  NOTIFICATION_KINDS,
  type TChannelChoice,
  type TDigestFrequency,
  type TNotificationKind,
} from '../../domain/notifications.ts';
import type { TMemberRole } from '../../domain/permissions.ts';
import { recordChange } from '../audit/record-change.ts';
import type { AppDeps, OrgScope } from '../ports.ts';

export interface TPreferencesView {
  frequency: TDigestFrequency;
  kinds: Array<{ kind: TNotificationKind; allowed: boolean; email: boolean; slack: boolean }>;
}

/** A member's choices, with the role's defaults filled in and the kinds their role never hears of marked. */
export async function getNotificationPreferences(
  deps: Pick<AppDeps, 'store'>,
  scope: OrgScope,
  member: { userId: string; role: TMemberRole },
): Promise<TPreferencesView> {
  const saved = await deps.store.repos.notifications.preferences(scope, member.userId);
  return {
    frequency: saved?.frequency ?? 'daily',
    kinds: NOTIFICATION_KINDS.map((kind) => ({
      kind,
      allowed: mayReceive(member.role, kind),
      ...effectiveChoice(member.role, kind, saved?.kinds ?? {}),
    })),
  };
}

export async function saveNotificationPreferences(
  deps: Pick<AppDeps, 'store' | 'clock' | 'actor'>,
  scope: OrgScope,
  member: { userId: string; role: TMemberRole },
  input: { frequency: TDigestFrequency; kinds: Partial<Record<TNotificationKind, TChannelChoice>> },
): Promise<TPreferencesView> {
  // A choice for a kind the role never receives is dropped rather than stored as a promise we do not keep.
  const kinds = Object.fromEntries(
    Object.entries(input.kinds).filter(([kind]) => mayReceive(member.role, kind as TNotificationKind)),
  );
  await deps.store.transaction(async (repos) => {
    await repos.notifications.savePreferences(
      scope,
      member.userId,
      { frequency: input.frequency, kinds },
      deps.clock.now(),
    );
    await recordChange(
      repos,
      scope,
      deps,
      'notifications.preferences_changed',
      { type: 'user', id: member.userId },
      {
        frequency: input.frequency,
        kinds,
      },
    );
  });
  return getNotificationPreferences(deps, scope, member);
}
