import { AttestlyError } from '../../domain/errors.ts';
import { canGrant, isMemberRole, type TMemberRole } from '../../domain/permissions.ts';
import { checkPasswordStrength, formatToken, hashToken, normalizeEmail } from '../../domain/secret-tokens.ts';
import { recordChange } from '../audit/record-change.ts';
import {
  type AppDeps,
  type OrgScope,
  scopeOf,
  type TInvitation,
  type TOrganization,
  type TUserAuth,
} from '../ports.ts';

const DEFAULT_DAYS = 7;

/**
 * Invites someone by email into one organization with one role. The link carries a one-time token (only
 * its hash is kept) and is mailed; without SMTP it is written to the log. Nobody invites above their role.
 * The link comes back only when the mail is not delivered: otherwise the inviter could use it themselves
 * to register the invited address without access to its mailbox.
 */
export async function inviteMember(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  inviter: { role: TMemberRole },
  input: {
    email: string;
    role: string;
    expiresInDays?: number | undefined;
    baseUrl: string;
    /** Limits the auditor to one audit (app/audits/invite-auditor.ts). */
    audit?: { id: string; firmName: string } | undefined;
  },
): Promise<{ invitation: TInvitation; link: string | null }> {
  const email = normalizeEmail(input.email);
  if (!email)
    throw new AttestlyError('INVALID_INPUT', `"${input.email}" is not an email address`, { field: 'email' });
  if (!isMemberRole(input.role))
    throw new AttestlyError('INVALID_INPUT', `unknown role "${input.role}"`, { field: 'role' });
  if (!canGrant(inviter.role, input.role)) {
    throw new AttestlyError('FORBIDDEN', `a ${inviter.role} cannot invite someone as ${input.role}`, {
      field: 'role',
    });
  }
  const days = input.expiresInDays ?? DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 30)
    throw new AttestlyError('INVALID_INPUT', 'an invitation lasts 1 to 30 days', { field: 'expiresInDays' });
  const token = formatToken('invite', deps.randomBytes(32));
  const now = deps.clock.now();
  const invitation: TInvitation = {
    id: deps.newId(),
    orgId: scope.orgId,
    email,
    role: input.role,
    invitedBy: deps.actor.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + days * 86_400_000),
    acceptedAt: null,
    revokedAt: null,
    auditId: input.audit?.id ?? null,
  };
  await deps.store.transaction(async (repos) => {
    const existing = await repos.users.findByEmail(email);
    if (existing && (await repos.memberships.find(scope, existing.id))) {
      throw new AttestlyError('CONFLICT', `${email} is already a member of ${org.name}`, { field: 'email' });
    }
    await repos.invitations.create(scope, { ...invitation, tokenHash: hashToken(token) });
    await recordChange(
      repos,
      scope,
      deps,
      'invitation.created',
      { type: 'invitation', id: invitation.id },
      {
        email,
        role: input.role,
        expiresAt: invitation.expiresAt.toISOString(),
        ...(input.audit ? { auditId: input.audit.id } : {}),
      },
    );
  });
  const link = `${input.baseUrl}/invitations/accept?token=${token}`;
  await deps.mailer.send({
    to: email,
    subject: `You are invited to ${org.name} on Attestly`,
    text: `${deps.actor.id} invited you to ${org.name} as ${input.role}${input.audit ? ` for the audit by ${input.audit.firmName}` : ''}.\n\nAccept within ${days} days: ${link}\n`,
  });
  return { invitation, link: deps.mailer.delivers ? null : link };
}

export async function revokeInvitation(deps: AppDeps, scope: OrgScope, id: string): Promise<void> {
  await deps.store.transaction(async (repos) => {
    if (!(await repos.invitations.revoke(scope, id, deps.clock.now()))) {
      throw new AttestlyError('NOT_FOUND', 'no such open invitation');
    }
    await recordChange(repos, scope, deps, 'invitation.revoked', { type: 'invitation', id });
  });
}

/**
 * Accepts an invitation. A signed-in user must be the invited address; someone new sets a password and
 * becomes a user. Either way the membership is added and the token is spent, in one transaction.
 */
export async function acceptInvitation(
  deps: AppDeps,
  token: string,
  as: { user: TUserAuth } | { password: string },
): Promise<{ user: TUserAuth; org: TOrganization; role: TMemberRole }> {
  const invalid = new AttestlyError('NOT_FOUND', 'this invitation is invalid, used, revoked or expired');
  const invitation = await deps.store.repos.invitations.findByHash(hashToken(token));
  const now = deps.clock.now();
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now)
    throw invalid;
  let passwordHash: string | null = null;
  if ('user' in as) {
    if (as.user.email !== invitation.email) {
      throw new AttestlyError(
        'FORBIDDEN',
        `this invitation is for ${invitation.email}; sign in as that user`,
      );
    }
  } else {
    const weak = checkPasswordStrength(as.password);
    if (weak) throw new AttestlyError('INVALID_INPUT', weak, { field: 'password' });
    passwordHash = await deps.passwords.hash(as.password);
  }
  return deps.store.transaction(async (repos) => {
    const orgs = await repos.organizations.list();
    const org = orgs.find((o) => o.id === invitation.orgId);
    if (!org || !(await repos.invitations.accept(invitation.id, now))) throw invalid;
    const scope = scopeOf(org);
    let user = await repos.users.findAuthByEmail(invitation.email);
    if (passwordHash !== null) {
      if (user?.passwordHash)
        throw new AttestlyError(
          'CONFLICT',
          `${invitation.email} already has an account: sign in, then accept`,
        );
      if (!user) await repos.users.create({ id: deps.newId(), email: invitation.email });
      user = await repos.users.findAuthByEmail(invitation.email);
      if (!user) throw new AttestlyError('INTERNAL', 'the new user vanished');
      await repos.users.setPasswordHash(user.id, passwordHash);
    }
    if (!user) throw invalid;
    await repos.memberships.add(scope, user.id, invitation.role);
    if (invitation.auditId) await repos.audits.limitMember(scope, user.id, invitation.auditId);
    await recordChange(
      repos,
      scope,
      { ...deps, actor: { ...deps.actor, type: 'user', id: user.email } },
      'membership.added',
      { type: 'user', id: user.id },
      {
        email: user.email,
        role: invitation.role,
        invitation: invitation.id,
        ...(invitation.auditId ? { auditId: invitation.auditId } : {}),
      },
    );
    return { user: await repos.users.getAuth(user.id), org, role: invitation.role };
  });
}
