import { AttestlyError } from '../../domain/errors.ts';
import type { TMemberRole } from '../../domain/permissions.ts';
import { normalizeEmail } from '../../domain/secret-tokens.ts';
import type { OrgScope, Repositories } from '../ports.ts';
import type { TAccessReviewCampaign } from './access-review-ports.ts';

// Who reviews, and which controls a review is evidence for.

/** The catalog's user access review control (CC6.2, CC6.3): the evidence and the removal tasks link to it. */
export const ACCESS_REVIEW_CONTROL = 'AC-08';
/** The criterion a removal task serves: credentials removed when access is no longer authorized. */
export const REMOVAL_CRITERION = 'CC6.2';

/** Who acts on a campaign: a signed-in member, or an API token (userId null) given the permission. */
export interface TReviewer {
  userId: string | null;
  role: TMemberRole;
}

/** Decisions are the campaign's reviewers' to make; owners and admins (and API tokens) may act for them. */
export function checkReviewer(campaign: Pick<TAccessReviewCampaign, 'reviewerUserIds'>, by: TReviewer): void {
  if (by.userId === null || by.role === 'owner' || by.role === 'admin') return;
  if (!campaign.reviewerUserIds.includes(by.userId))
    throw new AttestlyError(
      'FORBIDDEN',
      "only the review's reviewers, an owner or an admin decide on its accounts",
    );
}

/**
 * The reviewers named by email, each a member; with none named, the system's owner: the owner of the access
 * review control, else the security owner, else whoever starts it, else the first owner or admin.
 */
export async function resolveReviewers(
  repos: Repositories,
  scope: OrgScope,
  emails: string[] | undefined,
  startedBy: string | null,
): Promise<string[]> {
  const members = await repos.memberships.list(scope);
  if (emails && emails.length > 0) {
    return [
      ...new Set(
        emails.map((email) => {
          const member = members.find((m) => m.email === normalizeEmail(email));
          if (!member)
            throw new AttestlyError('INVALID_INPUT', `${email} is not a member of this organization`, {
              field: 'reviewerEmails',
            });
          return member.userId;
        }),
      ),
    ];
  }
  const control = await repos.controls.findByCode(scope, ACCESS_REVIEW_CONTROL);
  const controlOwner = members.find((m) => m.email === control?.ownerEmail);
  const security = (await repos.ownerRoles.list(scope)).find((a) => a.ownerRole === 'security');
  const first =
    controlOwner?.userId ??
    security?.userId ??
    startedBy ??
    members.find((m) => m.role === 'owner' || m.role === 'admin')?.userId;
  return first ? [first] : [];
}

/** The controls a completed review is filed under: the access review control when the program has it. */
export async function accessReviewControlCodes(repos: Repositories, scope: OrgScope): Promise<string[]> {
  const controls = await repos.controls.list(scope);
  const own = controls.find((c) => c.code === ACCESS_REVIEW_CONTROL);
  if (own) return [own.code];
  // An organization that renamed it: a control that covers both criteria and runs each quarter.
  const alike = controls.find(
    (c) => c.criteria.includes('CC6.2') && c.criteria.includes('CC6.3') && c.frequency === 'quarterly',
  );
  return alike ? [alike.code] : [];
}
