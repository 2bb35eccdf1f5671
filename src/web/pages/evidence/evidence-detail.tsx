import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { Badge } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { Loading } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { formatBytes, formatDateTime, formatDay } from '../controls/format.ts';
import { useControls } from '../controls/queries.ts';
import { ControlPicker } from './control-picker.tsx';
import { evidenceFileUrl, previewKind, type TEvidence } from './queries.ts';
import { Sha } from './sha.tsx';

/** One evidence item: its facts and SHA-256, a preview where the browser can show it, and its edits. */
export function EvidenceDetail({ item }: { item: TEvidence }) {
  const org = useOrg();
  const download = evidenceFileUrl(org.slug, item.id);
  return (
    <div className="stack">
      <div className="two-col">
        <section className="card panel" aria-labelledby="evidence-facts">
          <h2 id="evidence-facts">Details</h2>
          <dl className="facts">
            <dt>File</dt>
            <dd>
              <a href={download} download={item.fileName}>
                {item.fileName}
              </a>{' '}
              <span className="muted small">
                {item.mediaType}, {formatBytes(item.sizeBytes)}
              </span>
            </dd>
            <dt>SHA-256</dt>
            <dd>
              <Sha value={item.sha256} full />
            </dd>
            <dt>Valid</dt>
            <dd>
              {formatDay(item.validFrom)} – {item.validUntil ? formatDay(item.validUntil) : 'no end'}{' '}
              <Badge status={item.expiry} />
            </dd>
            <dt>Collected</dt>
            <dd>
              {formatDateTime(item.collectedAt)} <span className="muted small">({item.source})</span>
            </dd>
            <dt>Controls</dt>
            <dd>
              <ul className="inline-list">
                {item.controlCodes.map((code) => (
                  <li key={code}>
                    <Link to={`/o/${org.slug}/controls/${encodeURIComponent(code)}`}>{code}</Link>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        </section>
        {org.can('evidence:write') ? (
          <div className="stack">
            <EditEvidence item={item} />
            <EditLinks item={item} />
          </div>
        ) : null}
      </div>
      <Preview item={item} />
    </div>
  );
}

function Preview({ item }: { item: TEvidence }) {
  const org = useOrg();
  const kind = previewKind(item.mediaType);
  const src = evidenceFileUrl(org.slug, item.id, true);
  return (
    <section className="card panel" aria-labelledby="evidence-preview">
      <h2 id="evidence-preview">Preview</h2>
      {kind === 'image' && <img className="evidence-image" src={src} alt={`Preview of ${item.title}`} />}
      {kind === 'pdf' && <iframe className="evidence-pdf" src={src} title={`Preview of ${item.title}`} />}
      {kind === null && (
        <p>
          This file type is not shown in the browser.{' '}
          <a href={evidenceFileUrl(org.slug, item.id)} download={item.fileName}>
            Download {item.fileName}
          </a>
        </p>
      )}
    </section>
  );
}

function EditEvidence({ item }: { item: TEvidence }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [title, setTitle] = useState(item.title);
  const [validFrom, setValidFrom] = useState(item.validFrom);
  const [validUntil, setValidUntil] = useState(item.validUntil ?? '');
  const save = useMutation({
    mutationFn: (body: { title?: string; validFrom?: string; validUntil?: string | null }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org}/evidence/{id}', {
          params: { path: { org: org.slug, id: item.id } },
          body,
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['org', org.slug] }),
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const field = (name: string, message: string) =>
      errors.show(new ApiError(400, { error: { message, details: { field: name } } }));
    if (!title.trim()) return field('title', 'A title is required.');
    if (!validFrom) return field('validFrom', 'Give the day the evidence is valid from.');
    if (validUntil && validUntil < validFrom)
      return field('validUntil', 'The end of the validity comes before its start.');
    const body: Parameters<typeof save.mutate>[0] = {};
    if (title.trim() !== item.title) body.title = title.trim();
    if (validFrom !== item.validFrom) body.validFrom = validFrom;
    if ((validUntil || null) !== item.validUntil) body.validUntil = validUntil || null;
    if (Object.keys(body).length === 0) return errors.show(new Error('Nothing changed.'));
    save.mutate(body);
  }

  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-labelledby="edit-evidence">
      <h2 id="edit-evidence">Title and validity</h2>
      <Field label="Title" error={errors.fields.title}>
        {(p) => <input {...p} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <div className="two-col">
        <Field label="Valid from" error={errors.fields.validFrom}>
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
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        {save.isSuccess && (
          <span className="muted" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

function EditLinks({ item }: { item: TEvidence }) {
  const org = useOrg();
  const queries = useQueryClient();
  const controls = useControls(org.slug);
  const errors = useFormErrors();
  const [codes, setCodes] = useState(item.controlCodes);
  const save = useMutation({
    mutationFn: (controlCodes: string[]) =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/evidence/{id}/controls', {
          params: { path: { org: org.slug, id: item.id } },
          body: { controlCodes },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['org', org.slug] }),
    onError: (error) => errors.show(error),
  });
  const changed = codes.join(',') !== item.controlCodes.join(',');

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    save.mutate(codes);
  }

  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-labelledby="edit-links">
      <h2 id="edit-links">Linked controls</h2>
      {controls.isPending ? (
        <Loading what="Loading controls" />
      ) : (
        <ControlPicker
          label="Controls it supports"
          hint={
            codes.length === 0 ? 'With no control, the evidence supports nothing in readiness.' : undefined
          }
          controls={controls.data ?? []}
          value={codes}
          onChange={setCodes}
          error={errors.fields.controlCodes ?? (controls.error ? controls.error.message : undefined)}
        />
      )}
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending || !changed}>
          {save.isPending ? 'Saving…' : 'Save links'}
        </button>
        {save.isSuccess && !changed && (
          <span className="muted" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
