import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TAuditRequestView } from './queries.ts';

/** The auditor flags submitted evidence, saying what falls short; the organization sees the reason. */
export function FlagForm({
  auditId,
  request,
  onDone,
  onCancel,
}: {
  auditId: string;
  request: TAuditRequestView;
  onDone: (request: TAuditRequestView) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [reason, setReason] = useState('');
  const flag = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/audits/{auditId}/requests/{requestId}/flag', {
          params: { path: { org: org.slug, auditId, requestId: request.id } },
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: async (r) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'audits'] });
      onDone(r);
    },
    onError: (error) => errors.show(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!reason.trim())
      return errors.show(
        new ApiError(400, {
          error: { message: 'Say why the evidence falls short.', details: { field: 'reason' } },
        }),
      );
    flag.mutate();
  }
  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label={`Flag ${request.ref}`}>
      <h2>
        Flag {request.ref}: {request.title}
      </h2>
      <Field label="Reason" error={errors.fields.reason}>
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={reason}
            maxLength={2000}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <FormError error={errors.form ?? errors.fields.status} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={flag.isPending}>
          {flag.isPending ? 'Flagging…' : 'Flag request'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={flag.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
