import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { addMonths, REPORT_OPINIONS } from '../../../domain/vendor.ts';
import { ApiError } from '../../api/client.ts';
import { label } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { fileError, type TVendorReport, uploadPdf } from './queries.ts';

function bad(field: string, message: string) {
  return new ApiError(400, { error: { message, details: { field } } });
}

function pdfProblem(file: File | null): string | null {
  if (!file) return 'Choose the report PDF.';
  if (!file.name.toLowerCase().endsWith('.pdf')) return `${file.name}: upload the report as a PDF.`;
  return null;
}

/** Uploads a SOC 2 report with what it states; the expiry defaults to 12 months after the period ends. */
export function ReportForm({
  vendorId,
  onDone,
  onCancel,
}: {
  vendorId: string;
  onDone: (report: TVendorReport) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [form, setForm] = useState({
    reportType: 'type2' as 'type1' | 'type2',
    periodStart: '',
    periodEnd: '',
    opinion: 'unqualified' as (typeof REPORT_OPINIONS)[number],
    exceptions: '',
    expiresOn: '',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const problem = pdfProblem(file);
    if (problem || !file) return errors.show(bad('file', problem ?? 'Choose the report PDF.'));
    if (!form.periodEnd)
      return errors.show(bad('periodEnd', 'Give the end of the period the report covers.'));
    if (form.reportType === 'type2' && !form.periodStart)
      return errors.show(bad('periodStart', 'A Type 2 report covers a period: give its start.'));
    setBusy(true);
    try {
      const report = await uploadPdf(
        `/api/v1/orgs/${encodeURIComponent(org.slug)}/vendors/${vendorId}/reports`,
        {
          reportType: form.reportType,
          periodStart: form.reportType === 'type2' ? form.periodStart : '',
          periodEnd: form.periodEnd,
          opinion: form.opinion,
          exceptions: form.exceptions.trim(),
          expiresOn: form.expiresOn,
        },
        file,
      );
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone(report);
    } catch (error) {
      errors.show(fileError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card stack panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Upload SOC 2 report"
    >
      <h3>Upload SOC 2 report</h3>
      <Field label="Report (PDF)" hint="Stored with its SHA-256, like evidence." error={errors.fields.file}>
        {(p) => (
          <input
            {...p}
            type="file"
            accept="application/pdf,.pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <div className="two-col">
        <Field label="Report type" error={errors.fields.reportType}>
          {(p) => (
            <select
              {...p}
              value={form.reportType}
              onChange={(e) => setForm({ ...form, reportType: e.target.value as 'type1' | 'type2' })}
            >
              <option value="type2">Type 2 (a period)</option>
              <option value="type1">Type 1 (one date)</option>
            </select>
          )}
        </Field>
        <Field label="Opinion" error={errors.fields.opinion}>
          {(p) => (
            <select
              {...p}
              value={form.opinion}
              onChange={(e) => setForm({ ...form, opinion: e.target.value as typeof form.opinion })}
            >
              {REPORT_OPINIONS.map((o) => (
                <option key={o} value={o}>
                  {label(o)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.reportType === 'type2' && (
          <Field label="Period start" error={errors.fields.periodStart}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={form.periodStart}
                onChange={(e) => setForm({ ...form, periodStart: e.target.value })}
              />
            )}
          </Field>
        )}
        <Field label={form.reportType === 'type2' ? 'Period end' : 'As of'} error={errors.fields.periodEnd}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.periodEnd}
              onChange={(e) => setForm({ ...form, periodEnd: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Expires on"
          hint={
            form.periodEnd
              ? `Empty: ${addMonths(form.periodEnd, 12)} (12 months after the period).`
              : 'Empty: 12 months after the period ends.'
          }
          error={errors.fields.expiresOn}
        >
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.expiresOn}
              onChange={(e) => setForm({ ...form, expiresOn: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field
        label="Exceptions noted"
        hint="Optional: the exceptions the auditor reported, and what they mean for you."
        error={errors.fields.exceptions}
      >
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={form.exceptions}
            maxLength={10_000}
            onChange={(e) => setForm({ ...form, exceptions: e.target.value })}
          />
        )}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload report'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Attaches a bridge letter: it covers the time since the report's period ended, to the date it names. */
export function BridgeLetterForm({
  vendorId,
  report,
  onDone,
  onCancel,
}: {
  vendorId: string;
  report: TVendorReport;
  onDone: (report: TVendorReport) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [coveredUntil, setCoveredUntil] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const problem = pdfProblem(file);
    if (problem || !file) return errors.show(bad('file', problem ?? 'Choose the bridge letter PDF.'));
    if (!coveredUntil) return errors.show(bad('coveredUntil', 'Give the date the letter covers to.'));
    setBusy(true);
    try {
      const updated = await uploadPdf(
        `/api/v1/orgs/${encodeURIComponent(org.slug)}/vendors/${vendorId}/reports/${report.id}/bridge-letter`,
        { coveredUntil },
        file,
      );
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone(updated);
    } catch (error) {
      errors.show(fileError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card stack panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Upload bridge letter"
    >
      <h3>Bridge letter for {report.fileName}</h3>
      <p className="muted">
        The report's period ended {report.periodEnd}; the letter covers the time after it.
      </p>
      <div className="two-col">
        <Field label="Bridge letter (PDF)" error={errors.fields.file}>
          {(p) => (
            <input
              {...p}
              type="file"
              accept="application/pdf,.pdf"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Field label="Covered until" error={errors.fields.coveredUntil}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={coveredUntil}
              min={report.periodEnd}
              onChange={(e) => setCoveredUntil(e.target.value)}
            />
          )}
        </Field>
      </div>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload bridge letter'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
