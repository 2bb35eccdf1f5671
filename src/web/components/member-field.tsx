import { useMembers } from '../api/members.ts';
import { useOrg } from '../org.ts';
import { Field } from './field.tsx';

/** Picks a member by email (a task's assignee, a risk's owner); hidden from roles that may not list members. */
export function MemberField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (email: string) => void;
  error: string | undefined;
}) {
  const org = useOrg();
  const allowed = org.can('members:read');
  const members = useMembers(org.slug, allowed);
  if (!allowed) return null;
  return (
    <Field label={label} error={error ?? (members.error ? members.error.message : undefined)}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{members.isPending ? 'Loading members…' : 'Nobody yet'}</option>
          {(members.data?.items ?? []).map((m) => (
            <option key={m.email} value={m.email}>
              {m.email}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
