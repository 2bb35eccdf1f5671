import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { label } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { MemberField } from '../../components/member-field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { CATEGORIES, TREATMENTS, type TRisk } from './queries.ts';

const LEVELS = [1, 2, 3, 4, 5];

function bad(field: string, message: string) {
  return new ApiError(400, { error: { message, details: { field } } });
}

/** Records a new risk, or edits one at the version shown (the server refuses a stale edit). */
export function RiskForm({
  risk,
  onDone,
  onCancel,
}: {
  risk?: TRisk | undefined;
  onDone: (risk: TRisk) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState({
    title: risk?.title ?? '',
    description: risk?.description ?? '',
    category: risk?.category ?? 'security',
    inherentLikelihood: risk?.inherentLikelihood ?? 3,
    inherentImpact: risk?.inherentImpact ?? 3,
    residualLikelihood: risk?.residualLikelihood ?? 3,
    residualImpact: risk?.residualImpact ?? 3,
    treatment: risk?.treatment ?? 'mitigate',
    ownerEmail: risk?.ownerEmail ?? '',
    reviewDate: risk?.reviewDate ?? '',
    status: risk?.status ?? 'open',
    controlCodes: (risk?.controlCodes ?? []).join(', '),
  });
  const codes = form.controlCodes
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

  const save = useMutation({
    mutationFn: async (): Promise<TRisk> => {
      const fields = {
        title: form.title.trim(),
        description: form.description.trim(),
        category: form.category,
        inherentLikelihood: form.inherentLikelihood,
        inherentImpact: form.inherentImpact,
        residualLikelihood: form.residualLikelihood,
        residualImpact: form.residualImpact,
        treatment: form.treatment,
        ownerEmail: form.ownerEmail || null,
        reviewDate: form.reviewDate || null,
        status: form.status,
      };
      const path = { org: org.slug };
      if (!risk)
        return unwrap(
          api.POST('/api/v1/orgs/{org}/risks', {
            params: { path },
            body: { ...fields, controlCodes: codes },
          }),
        );
      const saved = await unwrap(
        api.PATCH('/api/v1/orgs/{org}/risks/{id}', {
          params: { path: { ...path, id: risk.id } },
          body: { version: risk.version, ...fields },
        }),
      );
      if (codes.join(',') === [...risk.controlCodes].sort().join(',')) return saved;
      return unwrap(
        api.PUT('/api/v1/orgs/{org}/risks/{id}/controls', {
          params: { path: { ...path, id: risk.id } },
          body: { controlCodes: codes },
        }),
      );
    },
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone(saved);
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!form.title.trim()) return errors.show(bad('title', 'Give the risk a title.'));
    if (form.residualLikelihood * form.residualImpact > form.inherentLikelihood * form.inherentImpact)
      return errors.show(
        bad(
          'residualLikelihood',
          'The residual score cannot exceed the inherent score: controls do not add risk.',
        ),
      );
    save.mutate();
  }

  const level = (
    key: 'inherentLikelihood' | 'inherentImpact' | 'residualLikelihood' | 'residualImpact',
    text: string,
  ) => (
    <Field label={text} error={errors.fields[key]}>
      {(p) => (
        <select
          {...p}
          value={form[key]}
          onChange={(e) => setForm({ ...form, [key]: Number(e.target.value) })}
        >
          {LEVELS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const heading = risk ? 'Edit risk' : 'New risk';
  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label={heading}>
      <h2>{heading}</h2>
      <Field label="Title" error={errors.fields.title}>
        {(p) => (
          <input
            {...p}
            value={form.title}
            maxLength={200}
            required
            onChange={(e) => setForm({ ...form, title: e.target.value })}
          />
        )}
      </Field>
      <Field
        label="Description"
        hint="Optional: what could happen, and how."
        error={errors.fields.description}
      >
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={form.description}
            maxLength={10_000}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        )}
      </Field>
      <div className="two-col">
        <Field
          label="Category"
          hint="Fraud is CC3.3; significant change is CC3.4."
          error={errors.fields.category}
        >
          {(p) => (
            <select
              {...p}
              value={form.category}
              onChange={(e) => setForm({ ...form, category: e.target.value as TRisk['category'] })}
            >
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {label(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Treatment" error={errors.fields.treatment}>
          {(p) => (
            <select
              {...p}
              value={form.treatment}
              onChange={(e) => setForm({ ...form, treatment: e.target.value as TRisk['treatment'] })}
            >
              {TREATMENTS.map((t) => (
                <option key={t} value={t}>
                  {label(t)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="risk-levels">
        <legend>Inherent rating (before controls), 1 to 5</legend>
        {level('inherentLikelihood', 'Inherent likelihood')}
        {level('inherentImpact', 'Inherent impact')}
        <p className="muted">Score {form.inherentLikelihood * form.inherentImpact}</p>
      </fieldset>
      <fieldset className="risk-levels">
        <legend>Residual rating (after controls), 1 to 5</legend>
        {level('residualLikelihood', 'Residual likelihood')}
        {level('residualImpact', 'Residual impact')}
        <p className="muted">Score {form.residualLikelihood * form.residualImpact}</p>
      </fieldset>
      <div className="two-col">
        <MemberField
          label="Owner"
          value={form.ownerEmail}
          onChange={(ownerEmail) => setForm({ ...form, ownerEmail })}
          error={errors.fields.ownerEmail}
        />
        <Field label="Review date" hint="Optional." error={errors.fields.reviewDate}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.reviewDate}
              onChange={(e) => setForm({ ...form, reviewDate: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Controls"
          hint="Control codes, separated by commas (e.g. RISK-03, GOV-14)."
          error={errors.fields.controlCodes}
        >
          {(p) => (
            <input
              {...p}
              value={form.controlCodes}
              onChange={(e) => setForm({ ...form, controlCodes: e.target.value })}
            />
          )}
        </Field>
        {risk && (
          <Field label="Status" error={errors.fields.status}>
            {(p) => (
              <select
                {...p}
                value={form.status}
                onChange={(e) => setForm({ ...form, status: e.target.value as TRisk['status'] })}
              >
                <option value="open">Open</option>
                <option value="closed">Closed</option>
              </select>
            )}
          </Field>
        )}
      </div>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : risk ? 'Save risk' : 'Record risk'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
