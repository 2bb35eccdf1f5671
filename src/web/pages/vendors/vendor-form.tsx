import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  REVIEW_CADENCES,
  type TVendorDataCategory,
  VENDOR_RUBRIC,
  vendorTier,
} from '../../../domain/vendor.ts';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { label } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { MemberField } from '../../components/member-field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { TierBadge } from './badges.tsx';
import type { TVendor } from './queries.ts';

function bad(field: string, message: string) {
  return new ApiError(400, { error: { message, details: { field } } });
}

/** Adds a vendor, or edits one at the version shown; the rubric's questions set its tier, shown as answered. */
export function VendorForm({
  vendor,
  onDone,
  onCancel,
}: {
  vendor?: TVendor | undefined;
  onDone: (vendor: TVendor) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState({
    name: vendor?.name ?? '',
    services: vendor?.services ?? '',
    dataCategories: (vendor?.dataCategories ?? []) as TVendorDataCategory[],
    operationalDependency: vendor?.operationalDependency ?? 'minor',
    productionAccess: vendor?.productionAccess ?? 'none',
    ownerEmail: vendor?.ownerEmail ?? '',
    contractStart: vendor?.contractStart ?? '',
    renewalDate: vendor?.renewalDate ?? '',
    reviewCadence: (vendor?.reviewCadence ?? '') as TVendor['cadence'] | '',
    status: vendor?.status ?? 'active',
  });
  const preview =
    form.dataCategories.length > 0
      ? vendorTier({
          dataCategories: form.dataCategories,
          operationalDependency: form.operationalDependency,
          productionAccess: form.productionAccess,
        })
      : null;

  const save = useMutation({
    mutationFn: async (): Promise<TVendor> => {
      const fields = {
        name: form.name.trim(),
        services: form.services.trim(),
        dataCategories: form.dataCategories,
        operationalDependency: form.operationalDependency,
        productionAccess: form.productionAccess,
        ownerEmail: form.ownerEmail || null,
        contractStart: form.contractStart || null,
        renewalDate: form.renewalDate || null,
        reviewCadence: form.reviewCadence || null,
        status: form.status,
      };
      if (!vendor)
        return unwrap(
          api.POST('/api/v1/orgs/{org}/vendors', { params: { path: { org: org.slug } }, body: fields }),
        );
      return unwrap(
        api.PATCH('/api/v1/orgs/{org}/vendors/{id}', {
          params: { path: { org: org.slug, id: vendor.id } },
          body: { version: vendor.version, ...fields },
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
    if (!form.name.trim()) return errors.show(bad('name', 'Give the vendor a name.'));
    if (form.dataCategories.length === 0)
      return errors.show(bad('dataCategories', 'Choose the data the vendor touches, or "None of these".'));
    save.mutate();
  }

  function toggleCategory(value: TVendorDataCategory, checked: boolean) {
    const others = form.dataCategories.filter((c) => c !== value);
    // "None" and a real category exclude each other.
    const next = !checked
      ? others
      : value === 'none'
        ? ['none' as const]
        : [...others.filter((c) => c !== 'none'), value];
    setForm({ ...form, dataCategories: next });
  }

  const heading = vendor ? `Edit ${vendor.name}` : 'New vendor';
  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label={heading}>
      <h2>{heading}</h2>
      <div className="two-col">
        <Field label="Name" error={errors.fields.name}>
          {(p) => (
            <input
              {...p}
              value={form.name}
              maxLength={200}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          )}
        </Field>
        <MemberField
          label="Owner"
          value={form.ownerEmail}
          onChange={(ownerEmail) => setForm({ ...form, ownerEmail })}
          error={errors.fields.ownerEmail}
        />
      </div>
      <Field label="What they do" hint="The service they provide to you." error={errors.fields.services}>
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={form.services}
            maxLength={2000}
            onChange={(e) => setForm({ ...form, services: e.target.value })}
          />
        )}
      </Field>
      <fieldset className="fieldset vendor-rubric">
        <legend>Tiering</legend>
        <fieldset
          className="plain-fieldset"
          aria-describedby={errors.fields.dataCategories ? 'data-error' : undefined}
        >
          <legend>{VENDOR_RUBRIC.data.question}</legend>
          <div className="vendor-choices">
            {VENDOR_RUBRIC.data.options.map((o) => (
              <label key={o.value} className="choice">
                <input
                  type="checkbox"
                  checked={form.dataCategories.includes(o.value)}
                  onChange={(e) => toggleCategory(o.value, e.target.checked)}
                />
                <span>{o.label}</span>
              </label>
            ))}
          </div>
          {errors.fields.dataCategories && (
            <div className="field-error" id="data-error" role="alert">
              {errors.fields.dataCategories}
            </div>
          )}
        </fieldset>
        <div className="two-col">
          <Field label={VENDOR_RUBRIC.dependency.question} error={errors.fields.operationalDependency}>
            {(p) => (
              <select
                {...p}
                value={form.operationalDependency}
                onChange={(e) =>
                  setForm({
                    ...form,
                    operationalDependency: e.target.value as TVendor['operationalDependency'],
                  })
                }
              >
                {VENDOR_RUBRIC.dependency.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={VENDOR_RUBRIC.access.question} error={errors.fields.productionAccess}>
            {(p) => (
              <select
                {...p}
                value={form.productionAccess}
                onChange={(e) =>
                  setForm({ ...form, productionAccess: e.target.value as TVendor['productionAccess'] })
                }
              >
                {VENDOR_RUBRIC.access.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="vendor-tier-preview" aria-live="polite">
          {preview ? (
            <>
              <p>
                Tier: <TierBadge tier={preview.tier} />
              </p>
              <ul className="muted small">
                {preview.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">Answer the questions to see the tier.</p>
          )}
          <p className="muted small">{VENDOR_RUBRIC.rule}</p>
        </div>
      </fieldset>
      <div className="two-col">
        <Field label="Contract start" hint="Optional." error={errors.fields.contractStart}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.contractStart}
              onChange={(e) => setForm({ ...form, contractStart: e.target.value })}
            />
          )}
        </Field>
        <Field label="Renewal date" hint="Warned 60 days ahead." error={errors.fields.renewalDate}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.renewalDate}
              min={form.contractStart || undefined}
              onChange={(e) => setForm({ ...form, renewalDate: e.target.value })}
            />
          )}
        </Field>
        <Field label="Review cadence" error={errors.fields.reviewCadence}>
          {(p) => (
            <select
              {...p}
              value={form.reviewCadence}
              onChange={(e) =>
                setForm({ ...form, reviewCadence: e.target.value as typeof form.reviewCadence })
              }
            >
              <option value="">By tier (quarterly when critical, else annual)</option>
              {REVIEW_CADENCES.map((c) => (
                <option key={c} value={c}>
                  {label(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {vendor && (
          <Field label="Status" error={errors.fields.status}>
            {(p) => (
              <select
                {...p}
                value={form.status}
                onChange={(e) => setForm({ ...form, status: e.target.value as TVendor['status'] })}
              >
                <option value="active">Active</option>
                <option value="offboarded">Offboarded</option>
              </select>
            )}
          </Field>
        )}
      </div>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : vendor ? 'Save vendor' : 'Add vendor'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
