import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CONTROL_STATUSES, type TControlStatus } from '../../../domain/control.ts';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { useMembers } from '../../api/members.ts';
import { label } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TControlDetail } from './queries.ts';

/**
 * Status, owner, or not applicable with a reason. The change names the version it edits: when someone
 * else changed the control meanwhile, the server refuses it and the form says so instead of overwriting.
 */
export function ControlEdit({
  control,
  savedVersion,
  onSaved,
}: {
  control: TControlDetail;
  /** The version this form's last save produced: the form is remade for each version, the notice stays. */
  savedVersion: number | null;
  onSaved: (version: number) => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const members = useMembers(org.slug, org.can('members:read'));
  const errors = useFormErrors();
  const [status, setStatus] = useState<TControlStatus>(control.status);
  const [reason, setReason] = useState(control.notApplicableReason ?? '');
  const [owner, setOwner] = useState(control.ownerEmail ?? '');
  const [conflict, setConflict] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: {
      version: number;
      status?: 'not_started' | 'in_progress' | 'implemented';
      notApplicableReason?: string;
      ownerEmail?: string;
    }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org}/controls/{code}', {
          params: { path: { org: org.slug, code: control.code } },
          body,
        }),
      ),
    onSuccess: async (updated) => {
      onSaved(updated.version);
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT') setConflict(error.message);
      else errors.show(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setConflict(null);
    const body: Parameters<typeof save.mutate>[0] = { version: control.version };
    if (status === 'not_applicable') {
      if (!reason.trim()) {
        errors.show(
          new ApiError(400, {
            error: {
              message: 'say why the control does not apply',
              details: { field: 'notApplicableReason' },
            },
          }),
        );
        return;
      }
      if (status !== control.status || reason.trim() !== (control.notApplicableReason ?? ''))
        body.notApplicableReason = reason.trim();
    } else if (status !== control.status) body.status = status;
    if (owner && owner !== (control.ownerEmail ?? '')) body.ownerEmail = owner;
    if (Object.keys(body).length === 1) {
      errors.show(new Error('Nothing changed.'));
      return;
    }
    save.mutate(body);
  }

  const memberEmails = (members.data?.items ?? []).filter((m) => m.role !== 'employee').map((m) => m.email);
  if (control.ownerEmail && !memberEmails.includes(control.ownerEmail))
    memberEmails.unshift(control.ownerEmail);

  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-labelledby="edit-control">
      <h2 id="edit-control">Change</h2>
      {conflict && (
        <div className="conflict" role="alert">
          <p>
            <strong>Someone else changed this control while you were editing it.</strong> Your change was not
            saved. ({conflict})
          </p>
          <button
            type="button"
            className="button"
            onClick={() =>
              void queries.invalidateQueries({ queryKey: ['org', org.slug, 'controls', control.code] })
            }
          >
            Load their change
          </button>
        </div>
      )}
      <Field label="Status" error={errors.fields.status}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.target.value as TControlStatus)}>
            {CONTROL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {status === 'not_applicable' && (
        <Field
          label="Why it does not apply"
          hint="Required. Auditors read this: say what makes the control irrelevant to your system."
          error={errors.fields.notApplicableReason}
        >
          {(p) => (
            <textarea
              {...p}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={2000}
              required
            />
          )}
        </Field>
      )}
      {org.can('members:read') && (
        <Field
          label="Owner"
          hint={members.isPending ? 'Loading members…' : 'A member of the organization.'}
          error={errors.fields.ownerEmail ?? (members.error ? members.error.message : undefined)}
        >
          {(p) => (
            <select {...p} value={owner} onChange={(e) => setOwner(e.target.value)}>
              <option value="" disabled={!!control.ownerEmail}>
                Nobody yet
              </option>
              {memberEmails.map((email) => (
                <option key={email} value={email}>
                  {email}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        {savedVersion === control.version && !save.isPending && (
          <span role="status" className="muted">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
