import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Badge } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { useEvidence } from '../evidence/queries.ts';
import { formatDateTime, type TTrustDocument, trustKeys, uploadTrustDocument } from './trust-api.ts';

// Documents on the trust center: PDFs uploaded here or shared from evidence, each public or gated behind
// an approved access request.

type TKind = TTrustDocument['kind'];
type TAccess = TTrustDocument['access'];

// domain/trust-center.ts has these, but it imports node:crypto (through secret-tokens.ts): the browser
// cannot load it, so the labels of the API's enums are kept here.
const TRUST_DOCUMENT_KIND_LABELS: Record<TKind, string> = {
  soc2_report: 'SOC 2 report',
  penetration_test: 'Penetration test summary',
  other: 'Document',
};
const TRUST_DOCUMENT_KINDS = Object.keys(TRUST_DOCUMENT_KIND_LABELS) as TKind[];

const ACCESS_LABELS: Record<TAccess, string> = {
  public: 'Public: anyone may download it',
  gated: 'Gated: only approved requesters, watermarked',
};

export function TrustDocuments() {
  const org = useOrg();
  const documents = useQuery({
    queryKey: trustKeys.documents(org.slug),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org}/trust-center/documents', { params: { path: { org: org.slug } } })),
  });
  const [source, setSource] = useState<'upload' | 'evidence'>('upload');
  const sourceName = useId();
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="trust-add-document-title">
        <h2 id="trust-add-document-title" className="card-title">
          Add a document
        </h2>
        <div className="row" role="radiogroup" aria-label="Where the document comes from">
          <label>
            <input
              type="radio"
              name={sourceName}
              checked={source === 'upload'}
              onChange={() => setSource('upload')}
            />{' '}
            Upload a PDF
          </label>
          <label>
            <input
              type="radio"
              name={sourceName}
              checked={source === 'evidence'}
              onChange={() => setSource('evidence')}
            />{' '}
            Share an evidence item
          </label>
        </div>
        {source === 'upload' ? <UploadForm /> : <FromEvidenceForm />}
      </section>
      <section className="stack" aria-labelledby="trust-documents-title">
        <h2 id="trust-documents-title">Shared documents</h2>
        <Query query={documents} what="Loading the documents">
          {(data) => <DocumentTable documents={data.items} />}
        </Query>
      </section>
    </div>
  );
}

function KindAccessFields({
  kind,
  access,
  errors,
  onChange,
}: {
  kind: TKind;
  access: TAccess;
  errors: Record<string, string>;
  onChange: (change: { kind?: TKind; access?: TAccess }) => void;
}) {
  return (
    <>
      <Field label="Kind" error={errors.kind}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => onChange({ kind: e.target.value as TKind })}>
            {TRUST_DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {TRUST_DOCUMENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Access" error={errors.access}>
        {(p) => (
          <select {...p} value={access} onChange={(e) => onChange({ access: e.target.value as TAccess })}>
            {(Object.keys(ACCESS_LABELS) as TAccess[]).map((a) => (
              <option key={a} value={a}>
                {ACCESS_LABELS[a]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

const EMPTY = { title: '', description: '', kind: 'soc2_report' as TKind, access: 'gated' as TAccess };

function UploadForm() {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [added, setAdded] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => uploadTrustDocument(org.slug, { ...form, file: f }),
    onSuccess: async (document) => {
      errors.clear();
      setAdded(document.title);
      setForm(EMPTY);
      setFile(null);
      setInputKey(inputKey + 1);
      await queries.invalidateQueries({ queryKey: trustKeys.documents(org.slug) });
    },
    onError: (e) => errors.show(e),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setAdded(null);
    if (!file) return errors.show(new Error('Choose a PDF file to upload.'));
    upload.mutate(file);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Upload a PDF">
      <div className="form-grid">
        <Field label="PDF file" hint="A PDF, up to the server's upload limit." error={errors.fields.file}>
          {(p) => (
            <input
              {...p}
              key={inputKey}
              type="file"
              accept="application/pdf,.pdf"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Field label="Document title" error={errors.fields.title}>
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
        <KindAccessFields
          kind={form.kind}
          access={form.access}
          errors={errors.fields}
          onChange={(c) => setForm({ ...form, ...c })}
        />
      </div>
      <Field label="Document description" error={errors.fields.description}>
        {(p) => (
          <input
            {...p}
            value={form.description}
            maxLength={1000}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        )}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload the document'}
        </button>
        {added && (
          <p className="notice" role="status">
            “{added}” is on the trust center.
          </p>
        )}
      </div>
    </form>
  );
}

function FromEvidenceForm() {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const evidence = useEvidence(org.slug, org.can('evidence:read'));
  const [form, setForm] = useState({ ...EMPTY, evidenceId: '' });
  const [added, setAdded] = useState<string | null>(null);
  const share = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/trust-center/documents/from-evidence', {
          params: { path: { org: org.slug } },
          body: {
            evidenceId: form.evidenceId,
            title: form.title,
            kind: form.kind,
            access: form.access,
            ...(form.description.trim() ? { description: form.description } : {}),
          },
        }),
      ),
    onSuccess: async (document) => {
      errors.clear();
      setAdded(document.title);
      setForm({ ...EMPTY, evidenceId: '' });
      await queries.invalidateQueries({ queryKey: trustKeys.documents(org.slug) });
    },
    onError: (e) => errors.show(e),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setAdded(null);
    share.mutate();
  }

  return (
    <Query query={evidence} what="Loading the evidence">
      {(items) => {
        const pdfs = items.filter((e) => e.mediaType === 'application/pdf');
        if (pdfs.length === 0)
          return (
            <EmptyState title="No PDF among the evidence">
              Upload a PDF under <a href={`/o/${org.slug}/evidence`}>Evidence</a>, or upload it here directly.
            </EmptyState>
          );
        return (
          <form className="stack" onSubmit={submit} noValidate aria-label="Share an evidence item">
            <div className="form-grid">
              <Field label="Evidence item" error={errors.fields.evidenceId}>
                {(p) => (
                  <select
                    {...p}
                    value={form.evidenceId}
                    onChange={(e) => {
                      const picked = pdfs.find((x) => x.id === e.target.value);
                      setForm({
                        ...form,
                        evidenceId: e.target.value,
                        title: form.title || (picked?.title ?? ''),
                      });
                    }}
                  >
                    <option value="">Choose a PDF…</option>
                    {pdfs.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.title} ({e.fileName})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Document title" error={errors.fields.title}>
                {(p) => (
                  <input
                    {...p}
                    value={form.title}
                    maxLength={200}
                    onChange={(e) => setForm({ ...form, title: e.target.value })}
                  />
                )}
              </Field>
              <KindAccessFields
                kind={form.kind}
                access={form.access}
                errors={errors.fields}
                onChange={(c) => setForm({ ...form, ...c })}
              />
            </div>
            <FormError error={errors.form} />
            <div className="row">
              <button type="submit" className="button button-primary" disabled={share.isPending}>
                {share.isPending ? 'Sharing…' : 'Share the evidence item'}
              </button>
              {added && (
                <p className="notice" role="status">
                  “{added}” is on the trust center.
                </p>
              )}
            </div>
          </form>
        );
      }}
    </Query>
  );
}

function DocumentTable({ documents }: { documents: TTrustDocument[] }) {
  const org = useOrg();
  const queries = useQueryClient();
  const { items, pager } = usePaged(documents);
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/orgs/{org}/trust-center/documents/{id}', {
          params: { path: { org: org.slug, id } },
        }),
      ),
    onSuccess: async () => {
      setError(null);
      await queries.invalidateQueries({ queryKey: trustKeys.documents(org.slug) });
    },
    onError: (e) => setError(e.message),
  });
  if (documents.length === 0)
    return (
      <EmptyState title="No documents shared yet">
        Upload your SOC 2 report or a penetration test summary above; gated documents need an approved
        request.
      </EmptyState>
    );
  return (
    <>
      <FormError error={error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Kind</th>
              <th scope="col">Access</th>
              <th scope="col">File</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.title}
                  {d.description && <div className="muted small">{d.description}</div>}
                  {d.evidenceId && <div className="muted small">From evidence</div>}
                </td>
                <td>{TRUST_DOCUMENT_KIND_LABELS[d.kind]}</td>
                <td>
                  <Badge status={d.access === 'public' ? 'published' : 'draft'}>
                    {d.access === 'public' ? 'Public' : 'Gated'}
                  </Badge>
                  {d.publicUrl && (
                    <div className="small">
                      <a href={d.publicUrl}>Public link</a>
                    </div>
                  )}
                </td>
                <td className="small">
                  {d.fileName}{' '}
                  <span className="muted">({Math.max(1, Math.round(d.sizeBytes / 1024))} KB)</span>
                </td>
                <td className="nowrap">{formatDateTime(d.createdAt)}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    disabled={remove.isPending}
                    aria-label={`Remove ${d.title}`}
                    onClick={() => {
                      if (window.confirm(`Take “${d.title}” off the trust center?`)) remove.mutate(d.id);
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
