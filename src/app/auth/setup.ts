import { AttestlyError } from '../../domain/errors.ts';
import { checkPasswordStrength, formatToken, hashToken, normalizeEmail } from '../../domain/secret-tokens.ts';
import { countUsersBesideDemo } from '../demo/count-users-beside-demo.ts';
import { checkNewOrganization, createOrganizationIn } from '../organizations/create-organization.ts';
import type { AppDeps, TOrganization, TUserAuth } from '../ports.ts';

const SETUP_HOURS = 24;

/**
 * On a server with no user yet, a one-time setup token for the first owner; null once anyone exists. The
 * demo organization's people do not count: a server that only holds the demo still needs its real owner.
 */
export async function createSetupToken(deps: AppDeps): Promise<string | null> {
  if ((await countUsersBesideDemo(deps.store.repos)) > 0) return null;
  const token = formatToken('setup', deps.randomBytes(32));
  const now = deps.clock.now();
  await deps.store.repos.setupTokens.create(
    hashToken(token),
    now,
    new Date(now.getTime() + SETUP_HOURS * 3_600_000),
  );
  return token;
}

export interface TNewAccount {
  email: string;
  password: string;
  organizationName: string;
  organizationSlug?: string | undefined;
}

/** Checks an account request; the same rules for the setup link and for `attestly user create`. */
export function checkNewAccount(input: TNewAccount): { email: string } {
  const email = normalizeEmail(input.email);
  if (!email) throw new AttestlyError('INVALID_INPUT', `"${input.email}" is not an email address`);
  const weak = checkPasswordStrength(input.password);
  if (weak) throw new AttestlyError('INVALID_INPUT', weak);
  checkNewOrganization({ name: input.organizationName, slug: input.organizationSlug });
  return { email };
}

/**
 * Creates a user with a password and a new organization they own. With a setup token (the first-run link)
 * the token is spent in the same transaction, so the link works once.
 */
export async function createAccount(
  deps: AppDeps,
  input: TNewAccount & { setupToken?: string | undefined },
): Promise<{ user: TUserAuth; org: TOrganization }> {
  const { email } = checkNewAccount(input);
  const passwordHash = await deps.passwords.hash(input.password);
  return deps.store.transaction(async (repos) => {
    if (
      input.setupToken !== undefined &&
      !(await repos.setupTokens.consume(hashToken(input.setupToken), deps.clock.now()))
    ) {
      throw new AttestlyError('UNAUTHENTICATED', 'this setup link is invalid, used or expired');
    }
    const existing = await repos.users.findAuthByEmail(email);
    if (existing?.passwordHash)
      throw new AttestlyError('CONFLICT', `a user with email ${email} already exists`);
    const userId = existing?.id ?? deps.newId();
    if (!existing) await repos.users.create({ id: userId, email });
    await repos.users.setPasswordHash(userId, passwordHash);
    const { org } = await createOrganizationIn(repos, deps, {
      name: input.organizationName,
      slug: input.organizationSlug,
      owner: { userId },
    });
    return { user: await repos.users.getAuth(userId), org };
  });
}
