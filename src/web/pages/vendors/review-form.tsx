import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { REVIEW_OUTCOMES } from '../../../domain/vendor.ts';
import { api, unwrap } from '../../api/client.ts';
import { label } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { MemberField } from '../../components/member-field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TVendorReport, TVendorReview } from './queries.ts';

/** Records a review: when, who, the outcome, the report read; it joins the audit's vendor-review population. */
export function ReviewForm({
  vendorId,
  reports,
  onDone,
  onCancel,
}: {
  vendorId: string;
  reports: TVendorReport[];
  onDone: (review: TVendorReview) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState({
    reviewedOn: new Date().toISOString().slice(0, 10),
    reviewerEmail: org.session.user.email,
    outcome: 'approved' as (typeof REVIEW_OUTCOMES)[number],
    notes: '',
    reportId: reports[0]?.id ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/vendors/{id}/reviews', {
          params: { path: { org: org.slug, id: vendorId } },
          body: {
            reviewedOn: form.reviewedOn,
            reviewerEmail: form.reviewerEmail || null,
            outcome: form.outcome,
            notes: form.notes.trim(),
            reportId: form.reportId || null,
          },
        }),
      ),
    onSuccess: async (review) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone(review);
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.mutate();
  }

  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label="Record review">
      <h3>Record review</h3>
      <div className="two-col">
        <Field label="Review date" error={errors.fields.reviewedOn}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.reviewedOn}
              onChange={(e) => setForm({ ...form, reviewedOn: e.target.value })}
            />
          )}
        </Field>
        <MemberField
          label="Reviewer"
          value={form.reviewerEmail}
          onChange={(reviewerEmail) => setForm({ ...form, reviewerEmail })}
          error={errors.fields.reviewerEmail}
        />
        <Field label="Outcome" error={errors.fields.outcome}>
          {(p) => (
            <select
              {...p}
              value={form.outcome}
              onChange={(e) => setForm({ ...form, outcome: e.target.value as typeof form.outcome })}
            >
              {REVIEW_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {label(o)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Report read" error={errors.fields.reportId}>
          {(p) => (
            <select
              {...p}
              value={form.reportId}
              onChange={(e) => setForm({ ...form, reportId: e.target.value })}
            >
              <option value="">None</option>
              {reports.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.fileName} (to {r.periodEnd})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field
        label="Notes"
        hint="What you checked, the exceptions and CUECs considered, any conditions."
        error={errors.fields.notes}
      >
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={form.notes}
            maxLength={10_000}
            onChange={(e) => setForm({ ...form, notes: e.target.value })}
          />
        )}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Record review'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
