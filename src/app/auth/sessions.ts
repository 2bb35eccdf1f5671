import { formatToken, hashToken } from '../../domain/secret-tokens.ts';
import type { AppDeps, TSession, TUserAuth } from '../ports.ts';

export interface TSessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export const DEFAULT_SESSION_POLICY: TSessionPolicy = { idleMinutes: 60, absoluteHours: 12 };

/** Starts a session; the token goes to the cookie and only its hash to the database. */
export async function startSession(
  deps: AppDeps,
  user: TUserAuth,
  policy: TSessionPolicy,
  sourceAddress: string | null,
  orgId: string | null = null,
): Promise<{ token: string; session: TSession }> {
  const token = formatToken('session', deps.randomBytes(32));
  const now = deps.clock.now();
  const session: TSession = {
    idHash: hashToken(token),
    userId: user.id,
    csrfToken: Buffer.from(deps.randomBytes(24)).toString('base64url'),
    // A user without a second factor is fully signed in; one with TOTP or a passkey must pass it first.
    mfaVerified: !user.hasSecondFactor,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
    sourceAddress,
    revokedAt: null,
    orgId,
  };
  await deps.store.repos.sessions.create(session);
  return { token, session };
}

/** The live session behind a cookie, or null when it is unknown, revoked, idle too long or past its end. */
export async function resolveSession(
  deps: AppDeps,
  token: string,
  policy: TSessionPolicy,
): Promise<{ session: TSession; user: TUserAuth } | null> {
  const { repos } = deps.store;
  const session = await repos.sessions.find(hashToken(token));
  const now = deps.clock.now();
  if (!session || session.revokedAt !== null || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > policy.idleMinutes * 60_000) {
    await repos.sessions.revoke(session.idHash, now);
    return null;
  }
  // Touch at most once a minute: idle time needs minute precision, not a write per request.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await repos.sessions.touch(session.idHash, now);
  return { session, user: await repos.users.getAuth(session.userId) };
}

export async function endSession(deps: AppDeps, session: TSession): Promise<void> {
  await deps.store.repos.sessions.revoke(session.idHash, deps.clock.now());
}

/** Signs a user out of every browser and device at once. */
export async function endAllSessions(deps: AppDeps, userId: string): Promise<number> {
  return deps.store.repos.sessions.revokeAllForUser(userId, deps.clock.now());
}
