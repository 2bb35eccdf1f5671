import { AttestlyError } from '../../domain/errors.ts';
import { hashRecoveryCode, matchRecoveryCode, newRecoveryCodes } from '../../domain/recovery-codes.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from '../../domain/totp.ts';
import type { AppDeps, TSession, TUserAuth } from '../ports.ts';

/** What a TOTP secret is sealed to: one user's TOTP, so it cannot be moved to another row. */
export const totpContext = (userId: string) => `user:${userId}:totp`;
const ISSUER = 'Attestly';

/**
 * Starts TOTP enrolment: a new secret, sealed with the master key, not yet enabled. The URI goes into a
 * QR code for the authenticator app.
 */
export async function enrollTotp(deps: AppDeps, user: TUserAuth): Promise<{ secret: string; uri: string }> {
  if (user.totpEnabledAt) throw new AttestlyError('CONFLICT', 'TOTP is already enabled for this account');
  const secret = newTotpSecret(deps.randomBytes);
  const sealed = (await deps.secrets()).seal(secret, totpContext(user.id));
  await deps.store.repos.users.setTotp(user.id, { sealed, enabledAt: null });
  return { secret, uri: otpauthUri({ secret, accountName: user.email, issuer: ISSUER }) };
}

/** Confirms enrolment with a first code; returns ten recovery codes, shown once and stored hashed. */
export async function confirmTotp(
  deps: AppDeps,
  user: TUserAuth,
  code: string,
  session: TSession,
): Promise<string[]> {
  if (user.totpEnabledAt) throw new AttestlyError('CONFLICT', 'TOTP is already enabled for this account');
  if (!user.totpSecretSealed) throw new AttestlyError('INVALID_INPUT', 'start TOTP enrolment first');
  const secret = (await deps.secrets()).open(user.totpSecretSealed, totpContext(user.id));
  const result = verifyTotp(secret, code.trim(), deps.clock.now());
  if (!result.ok)
    throw new AttestlyError('INVALID_INPUT', 'that code is not valid; check the device clock and try again', {
      field: 'code',
    });
  const codes = newRecoveryCodes(deps.randomBytes);
  await deps.store.transaction(async (repos) => {
    await repos.users.setTotp(user.id, { sealed: user.totpSecretSealed, enabledAt: deps.clock.now() });
    await repos.users.advanceTotpStep(user.id, result.step);
    await repos.recoveryCodes.replace(user.id, codes.map(hashRecoveryCode));
    await repos.sessions.setMfaVerified(session.idHash);
  });
  return codes;
}

/** Completes a sign-in with a TOTP code or an unused recovery code (which is then spent). */
export async function verifySecondFactor(
  deps: AppDeps,
  user: TUserAuth,
  session: TSession,
  input: { code?: string | undefined; recoveryCode?: string | undefined },
): Promise<{ usedRecoveryCode: boolean }> {
  const { repos } = deps.store;
  if (!user.totpEnabledAt || !user.totpSecretSealed) {
    throw new AttestlyError(
      'INVALID_INPUT',
      'this account has no authenticator app: use its passkey (POST /api/v1/auth/mfa/passkey)',
    );
  }
  if (input.recoveryCode !== undefined) {
    const hashes = await repos.recoveryCodes.unused(user.id);
    const index = matchRecoveryCode(input.recoveryCode, hashes);
    const hash = hashes[index];
    if (index < 0 || !hash || !(await repos.recoveryCodes.use(user.id, hash, deps.clock.now()))) {
      throw new AttestlyError('UNAUTHENTICATED', 'that recovery code is not valid');
    }
    await repos.sessions.setMfaVerified(session.idHash);
    return { usedRecoveryCode: true };
  }
  const secret = (await deps.secrets()).open(user.totpSecretSealed, totpContext(user.id));
  const result = verifyTotp(secret, (input.code ?? '').trim(), deps.clock.now(), {
    lastUsedStep: user.totpLastStep,
  });
  if (!result.ok || !(await repos.users.advanceTotpStep(user.id, result.step))) {
    throw new AttestlyError('UNAUTHENTICATED', 'that code is not valid');
  }
  await repos.sessions.setMfaVerified(session.idHash);
  return { usedRecoveryCode: false };
}
