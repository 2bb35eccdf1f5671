import type { TMemberRole } from '../../../domain/permissions.ts';
import { label } from '../../components/badge.tsx';
import { Field } from '../../components/field.tsx';
import { useOrg } from '../../org.ts';
import { grantableRoles, ROLE_HINTS } from './settings-api.ts';

/** The role an invitation or a token grants: only roles up to the signer's own are offered. */
export function RoleField({
  value,
  onChange,
  error,
}: {
  value: TMemberRole;
  onChange: (role: TMemberRole) => void;
  error: string | undefined;
}) {
  const roles = grantableRoles(useOrg().role);
  return (
    <Field label="Role" hint={ROLE_HINTS[value]} error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value as TMemberRole)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {label(r)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
