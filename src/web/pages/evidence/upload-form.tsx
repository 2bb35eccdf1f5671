import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, type FormEvent, useState } from 'react';
import { mediaTypeFor } from '../../../domain/media-type.ts';
import { ApiError } from '../../api/client.ts';
import { type TUploadedEvidence, uploadEvidence } from '../../api/upload.ts';
import { Field, FormError } from '../../components/field.tsx';
import { Loading } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { formatBytes } from '../controls/format.ts';
import { useControls } from '../controls/queries.ts';
import { ControlPicker } from './control-picker.tsx';

/** Upload one file: dropped on the zone or chosen with the file input, linked to at least one control. */
export function UploadForm({
  initialControls,
  onDone,
  onCancel,
}: {
  initialControls: string[];
  onDone: (evidence: TUploadedEvidence) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const controls = useControls(org.slug);
  const errors = useFormErrors();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [codes, setCodes] = useState<string[]>(initialControls);
  const [validFrom, setValidFrom] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);

  function choose(files: FileList | null) {
    const chosen = files?.[0] ?? null;
    setFile(chosen);
    errors.clear();
    if (chosen && files && files.length > 1)
      fieldError('file', 'Upload one file at a time; the first was kept.');
  }

  function fieldError(field: string, message: string) {
    errors.show(new ApiError(400, { error: { message, details: { field } } }));
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    // The server's own checks, so the common mistakes are caught before the upload.
    if (!file) return fieldError('file', 'Choose a file to upload.');
    if (mediaTypeFor(file.name) === 'application/octet-stream')
      return fieldError('file', `${file.name}: this file type is not accepted as evidence.`);
    if (codes.length === 0) return fieldError('controls', 'Link the evidence to at least one control.');
    if (validFrom && validUntil && validUntil < validFrom)
      return fieldError('validUntil', 'The end of the validity comes before its start.');
    setProgress(0);
    try {
      const created = await uploadEvidence(
        org.slug,
        { file, title, controlCodes: codes, validFrom, validUntil },
        setProgress,
      );
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone(created);
    } catch (error) {
      // Errors about the file itself (too large, wrong type) belong next to the file input.
      if (
        error instanceof ApiError &&
        ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].includes(error.code) &&
        Object.keys(error.fieldErrors()).length === 0
      )
        fieldError('file', error.message);
      else errors.show(error);
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <form
      className="card stack panel upload-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="upload-title"
    >
      <h2 id="upload-title">Upload evidence</h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the file input inside is the keyboard way */}
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}${errors.fields.file ? ' field-invalid' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <Field
          label="File"
          hint="Drop a file here, or choose one. PDF, images, office documents, text, CSV, JSON, YAML or ZIP."
          error={errors.fields.file}
        >
          {(p) => <input {...p} type="file" onChange={(e) => choose(e.target.files)} />}
        </Field>
        {file && (
          <p className="muted small" aria-live="polite">
            Chosen: <strong>{file.name}</strong> ({formatBytes(file.size)})
          </p>
        )}
      </div>
      <Field label="Title" hint="Optional; the file name is used when empty." error={errors.fields.title}>
        {(p) => <input {...p} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      {controls.isPending ? (
        <Loading what="Loading controls" />
      ) : (
        <ControlPicker
          label="Controls it supports"
          hint="At least one."
          controls={controls.data ?? []}
          value={codes}
          onChange={setCodes}
          error={errors.fields.controls ?? (controls.error ? controls.error.message : undefined)}
        />
      )}
      <div className="two-col">
        <Field label="Valid from" hint="Empty: today." error={errors.fields.validFrom}>
          {(p) => (
            <input {...p} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
          )}
        </Field>
        <Field label="Valid until" hint="Empty: no end." error={errors.fields.validUntil}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={validUntil}
              min={validFrom || undefined}
              onChange={(e) => setValidUntil(e.target.value)}
            />
          )}
        </Field>
      </div>
      <FormError error={errors.form} />
      {busy && (
        <div className="upload-progress">
          <progress max={1} value={progress} aria-label="Upload progress" />
          <span className="muted small">{Math.round((progress ?? 0) * 100)}%</span>
        </div>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
