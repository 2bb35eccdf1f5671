import { useParams } from 'react-router';
import { can, type TPermission } from '../domain/permissions.ts';
import { type TRole, type TSession, useSession } from './api/session.ts';

/** The organization in the URL (/o/:org/…) and the signed-in user's role in it. */
export function useOrg(): {
  slug: string;
  name: string;
  role: TRole;
  session: TSession;
  can: (permission: TPermission) => boolean;
  /** The organization requires a second factor and the user has none: only Settings, Security helps. */
  needsSecondFactor: boolean;
} {
  const { org = '' } = useParams();
  const session = useSession().data;
  const membership = session?.organizations.find((m) => m.organization.slug === org);
  if (!session || !membership) throw new Error(`you are not a member of "${org}"`);
  const role = membership.role;
  // The same permission table the server checks; the app only hides what the server would refuse.
  return {
    slug: org,
    name: membership.organization.name,
    role,
    session,
    can: (p) => can(role, p),
    needsSecondFactor: membership.organization.requireMfa && !session.user.mfaEnabled,
  };
}
