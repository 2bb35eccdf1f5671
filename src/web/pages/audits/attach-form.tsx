import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { uploadEvidence } from '../../api/upload.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { useEvidence } from '../evidence/queries.ts';
import type { TAuditRequestView } from './queries.ts';

/** Answers a request with evidence already collected, or a new file uploaded here as evidence. */
export function AttachForm({
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
  const evidence = useEvidence(org.slug);
  const [chosen, setChosen] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [controls, setControls] = useState(request.controlCode ?? '');
  const attach = useMutation({
    mutationFn: async () => {
      const ids = chosen ? [chosen] : [];
      if (file) {
        const uploaded = await uploadEvidence(org.slug, {
          file,
          title: `${request.ref}: ${file.name}`,
          controlCodes: controls
            .split(/[\s,]+/)
            .map((c) => c.trim().toUpperCase())
            .filter(Boolean),
          validFrom: '',
          validUntil: '',
        });
        ids.push(uploaded.id);
      }
      return unwrap(
        api.POST('/api/v1/orgs/{org}/audits/{auditId}/requests/{requestId}/evidence', {
          params: { path: { org: org.slug, auditId, requestId: request.id } },
          body: { evidenceIds: ids },
        }),
      );
    },
    onSuccess: async (r) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone(r);
    },
    onError: (error) => errors.show(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!chosen && !file) return errors.show(new Error('Choose collected evidence or a file to upload.'));
    attach.mutate();
  }
  const attached = new Set(request.evidenceIds);
  return (
    <form
      className="card stack panel"
      onSubmit={submit}
      noValidate
      aria-label={`Attach evidence to ${request.ref}`}
    >
      <h2>
        Attach evidence to {request.ref}: {request.title}
      </h2>
      {request.flagReason && <p className="audits-flag-reason">Flagged: {request.flagReason}</p>}
      <Field label="Collected evidence" error={errors.fields.evidenceIds}>
        {(p) => (
          <select {...p} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">None</option>
            {(evidence.data ?? [])
              .filter((e) => !attached.has(e.id))
              .map((e) => (
                <option key={e.id} value={e.id}>
                  {e.title} ({e.validFrom}
                  {e.validUntil ? ` to ${e.validUntil}` : ''})
                </option>
              ))}
          </select>
        )}
      </Field>
      <div className="two-col">
        <Field label="Or upload a file" error={errors.fields.file}>
          {(p) => <input {...p} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <Field
          label="Controls it supports"
          hint="For an uploaded file: control codes, separated by commas."
          error={errors.fields.controls}
        >
          {(p) => <input {...p} value={controls} onChange={(e) => setControls(e.target.value)} />}
        </Field>
      </div>
      <FormError error={errors.form ?? errors.fields.status} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={attach.isPending}>
          {attach.isPending ? 'Attaching…' : 'Attach and submit'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={attach.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
