import type { TMemberRole } from '../../domain/permissions.ts';
import { inviteMember } from '../auth/invitations.ts';
import type { AppDeps, OrgScope, TInvitation, TOrganization } from '../ports.ts';
import { getAudit } from './audit-input.ts';

/**
 * Invites someone from the firm as an auditor limited to one audit: the usual invitation (mailed, or its
 * link returned when mail is not delivered), whose membership sees that audit and its period only.
 */
export async function inviteAuditor(
  deps: AppDeps,
  org: TOrganization,
  scope: OrgScope,
  inviter: { role: TMemberRole },
  auditId: string,
  input: { email: string; expiresInDays?: number | undefined; baseUrl: string },
): Promise<{ invitation: TInvitation; link: string | null }> {
  const audit = await getAudit(deps.store.repos, scope, auditId);
  return inviteMember(deps, org, scope, inviter, {
    ...input,
    role: 'auditor',
    audit: { id: audit.id, firmName: audit.firmName },
  });
}
