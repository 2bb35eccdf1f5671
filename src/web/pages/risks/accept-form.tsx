import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TRisk } from './queries.ts';

/** An owner or admin accepts a risk whose treatment is "accept", saying why; the server records who and when. */
export function AcceptForm({
  risk,
  onDone,
  onCancel,
}: {
  risk: TRisk;
  onDone: () => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [note, setNote] = useState('');
  const accept = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/risks/{id}/accept', {
          params: { path: { org: org.slug, id: risk.id } },
          body: { version: risk.version, note: note.trim() },
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone();
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!note.trim())
      return errors.show(
        new ApiError(400, {
          error: { message: 'Say why the risk is accepted.', details: { field: 'note' } },
        }),
      );
    accept.mutate();
  }

  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label={`Accept ${risk.title}`}>
      <h2>Accept “{risk.title}”</h2>
      <p className="muted">
        Residual score {risk.residualScore} ({risk.residualRating}). Accepting records your name and the time
        in the audit log.
      </p>
      <Field label="Reason for acceptance" error={errors.fields.note ?? errors.fields.treatment}>
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={accept.isPending}>
          {accept.isPending ? 'Accepting…' : 'Accept risk'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={accept.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
