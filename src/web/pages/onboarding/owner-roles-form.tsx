import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { OWNER_ROLE_LABELS, OWNER_ROLES, type TOwnerRole } from '../../../domain/catalog-types.ts';
import { api, unwrap } from '../../api/client.ts';
import { useMembers } from '../../api/members.ts';
import { Field, FormError } from '../../components/field.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';

/** Members who may edit controls and policies, and so can own them. */
const CAN_OWN: string[] = ['owner', 'admin', 'member'];

const ROLE_NAMES: Record<TOwnerRole, string> = {
  leadership: 'Leadership',
  security: 'Security',
  engineering: 'Engineering',
  it: 'IT',
  hr: 'HR',
  legal: 'Legal',
};

/** The default owner of each control owner role, chosen among current members. */
export function OwnerRolesForm() {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const members = useMembers(org.slug);
  const current = useQuery({
    queryKey: ['org', org.slug, 'owner-roles'],
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/owner-roles', { params: { path: { org: org.slug } } })),
  });
  const [choice, setChoice] = useState<Partial<Record<TOwnerRole, string>>>({});
  const save = useMutation({
    mutationFn: (assignments: Record<TOwnerRole, string | null>) =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/owner-roles', {
          params: { path: { org: org.slug } },
          body: { assignments },
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
    },
    onError: (error) => errors.show(error),
  });

  if (members.isPending || current.isPending) return <Loading what="Loading the members" />;
  if (members.error || current.error || !members.data || !current.data)
    return (
      <ErrorState
        error={members.error ?? current.error}
        retry={() => {
          void members.refetch();
          void current.refetch();
        }}
      />
    );
  const assigned = current.data.assignments;
  const chosenFor = (role: TOwnerRole) => choice[role] ?? assigned[role]?.userId ?? '';

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.reset();
    const body = Object.fromEntries(OWNER_ROLES.map((r) => [r, chosenFor(r) || null])) as Record<
      TOwnerRole,
      string | null
    >;
    save.mutate(body);
  }

  return (
    <form className="card stack-tight" onSubmit={submit} noValidate aria-labelledby="owners-heading">
      <h3 id="owners-heading" className="card-title">
        Default owners
      </h3>
      <p className="hint">
        Every control and policy belongs to an owner role. Name who holds each role: their controls and
        policies without an owner go to them. People you invite can be chosen once they have accepted.
      </p>
      <div className="owner-grid">
        {OWNER_ROLES.map((role) => (
          <Field
            key={role}
            label={ROLE_NAMES[role]}
            hint={`Usually the ${OWNER_ROLE_LABELS[role]}`}
            error={errors.fields[`assignments.${role}`] ?? errors.fields.assignments}
          >
            {(p) => (
              <select
                {...p}
                value={chosenFor(role)}
                onChange={(e) => setChoice({ ...choice, [role]: e.target.value })}
              >
                <option value="">Nobody yet</option>
                {members.data.items
                  .filter((m) => CAN_OWN.includes(m.role) || m.userId === assigned[role]?.userId)
                  .map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.email}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        ))}
      </div>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the owners'}
        </button>
        {save.data && (
          <span role="status" className="muted">
            Saved: {save.data.assigned.controls.length} control
            {save.data.assigned.controls.length === 1 ? '' : 's'} and {save.data.assigned.policies}{' '}
            {save.data.assigned.policies === 1 ? 'policy' : 'policies'} got an owner.
          </span>
        )}
      </div>
    </form>
  );
}
