import { canGrant, MEMBER_ROLES } from '../../../domain/permissions.ts';
import { useOrg } from '../../org.ts';
import { InviteRow } from './invite-row.tsx';
import { OwnerRolesForm } from './owner-roles-form.tsx';

const FUNCTIONS = [
  {
    title: 'Compliance lead',
    hint: 'Runs the program day to day and is the auditor’s main contact.',
    role: 'admin',
  },
  {
    title: 'IT and security',
    hint: 'Owns access, devices, infrastructure, monitoring and incident response.',
    role: 'member',
  },
  { title: 'Legal', hint: 'Owns contracts, vendor terms and the privacy commitments.', role: 'member' },
  { title: 'HR', hint: 'Owns hiring, onboarding, training and leaving.', role: 'member' },
] as const;

/** Step 3: invite the people who own parts of the program and name the default owner per role. */
export function TeamStep() {
  const org = useOrg();
  const roles = MEMBER_ROLES.filter((r) => canGrant(org.role, r));
  return (
    <div className="stack">
      {org.can('members:manage') ? (
        <div className="invite-grid">
          {FUNCTIONS.map((f) => (
            <InviteRow
              key={f.title}
              title={f.title}
              hint={f.hint}
              defaultRole={roles.includes(f.role) ? f.role : 'member'}
              roles={roles}
            />
          ))}
        </div>
      ) : (
        <p className="muted">Only owners and admins invite people.</p>
      )}
      {org.can('program:write') && org.can('members:read') && <OwnerRolesForm />}
    </div>
  );
}
