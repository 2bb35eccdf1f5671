import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { MemberField } from '../../components/member-field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { accessReviewsKey, type TReviewDetail, type TReviewSystem } from './queries.ts';

/**
 * Starts a review of one system: the server freezes its accounts as last collected. The reviewer defaults
 * to the system's owner (the access review control's owner, else the security owner).
 */
export function StartForm({
  system,
  onCancel,
  onStarted,
}: {
  system: TReviewSystem;
  onCancel: () => void;
  onStarted: (campaign: TReviewDetail) => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [reviewer, setReviewer] = useState('');
  const [dueDate, setDueDate] = useState('');
  const start = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/access-reviews', {
          params: { path: { org: org.slug } },
          body: {
            system: system.integrationId,
            ...(reviewer ? { reviewerEmails: [reviewer] } : {}),
            ...(dueDate ? { dueDate } : {}),
          },
        }),
      ),
    onSuccess: async (campaign) => {
      await queries.invalidateQueries({ queryKey: accessReviewsKey(org.slug) });
      onStarted(campaign);
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    start.mutate();
  }

  return (
    <form
      className="card stack panel"
      onSubmit={submit}
      noValidate
      aria-label={`Start a review of ${system.name}`}
    >
      <h2>Review the accounts of {system.name}</h2>
      <p className="muted">
        The {system.accounts} accounts from the latest collection are frozen with their privileges and hashed:
        the review shows access as it is now, whatever changes later. Without a reviewer chosen, the system's
        owner reviews (the owner of the access review control, else the security owner).
      </p>
      <MemberField
        label="Reviewer"
        value={reviewer}
        onChange={setReviewer}
        error={errors.fields.reviewerEmails}
      />
      <Field label="Due date" hint="Two weeks from today when left empty." error={errors.fields.dueDate}>
        {(p) => <input {...p} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />}
      </Field>
      <FormError error={errors.form ?? errors.fields.system} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={start.isPending}>
          {start.isPending ? 'Freezing accounts…' : 'Start review'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={start.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
