import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import type { TAuditRequestView } from './queries.ts';

const when = (at: string) => new Date(at).toISOString().slice(0, 16).replace('T', ' ');

/** A request's comments and walkthrough meetings, with the forms the role may use. */
export function RequestThread({
  auditId,
  request,
  onClose,
}: {
  auditId: string;
  request: TAuditRequestView;
  onClose: () => void;
}) {
  const org = useOrg();
  return (
    <section className="card stack panel" aria-label={`Discussion of ${request.ref}`}>
      <div className="row audits-card-head">
        <h2>
          {request.ref}: {request.title}
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="two-col">
        <div className="stack-tight">
          <h3>Comments</h3>
          {request.comments.length === 0 ? (
            <p className="muted">No comments yet.</p>
          ) : (
            <ol className="audits-comments">
              {request.comments.map((c) => (
                <li key={c.id}>
                  <div className="muted small">
                    {c.author} · {when(c.createdAt)}
                  </div>
                  <div className="audits-description">{c.body}</div>
                </li>
              ))}
            </ol>
          )}
          {org.can('audits:review') && <CommentForm auditId={auditId} request={request} />}
        </div>
        <div className="stack-tight">
          <h3>Walkthroughs</h3>
          {request.walkthroughs.length === 0 ? (
            <p className="muted">None scheduled.</p>
          ) : (
            <ul className="audits-walkthroughs">
              {request.walkthroughs.map((w) => (
                <li key={w.id}>
                  <strong>{when(w.scheduledAt)} UTC</strong> with {w.attendees.join(', ')}
                  {w.notes && <div className="muted">{w.notes}</div>}
                </li>
              ))}
            </ul>
          )}
          {org.can('audits:manage') && <WalkthroughForm auditId={auditId} request={request} />}
        </div>
      </div>
    </section>
  );
}

function CommentForm({ auditId, request }: { auditId: string; request: TAuditRequestView }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/audits/{auditId}/requests/{requestId}/comments', {
          params: { path: { org: org.slug, auditId, requestId: request.id } },
          body: { body: body.trim() },
        }),
      ),
    onSuccess: async () => {
      setBody('');
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'audits'] });
    },
    onError: (error) => errors.show(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (body.trim()) send.mutate();
  }
  return (
    <form className="stack-tight" onSubmit={submit} noValidate aria-label={`Comment on ${request.ref}`}>
      <Field label="Comment" error={errors.fields.body}>
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={body}
            maxLength={5000}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button" disabled={send.isPending || !body.trim()}>
          {send.isPending ? 'Sending…' : 'Add comment'}
        </button>
      </div>
    </form>
  );
}

function WalkthroughForm({ auditId, request }: { auditId: string; request: TAuditRequestView }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState({ at: '', attendees: '', notes: '' });
  const schedule = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/audits/{auditId}/requests/{requestId}/walkthroughs', {
          params: { path: { org: org.slug, auditId, requestId: request.id } },
          body: {
            scheduledAt: new Date(form.at).toISOString(),
            attendees: form.attendees
              .split(',')
              .map((a) => a.trim())
              .filter(Boolean),
            notes: form.notes.trim(),
          },
        }),
      ),
    onSuccess: async () => {
      setForm({ at: '', attendees: '', notes: '' });
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'audits'] });
    },
    onError: (error) => errors.show(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    if (!form.at || Number.isNaN(Date.parse(form.at)))
      return errors.show(new Error('Choose when the walkthrough takes place.'));
    schedule.mutate();
  }
  return (
    <form
      className="stack-tight"
      onSubmit={submit}
      noValidate
      aria-label={`Schedule a walkthrough for ${request.ref}`}
    >
      <Field label="When (your local time)" error={errors.fields.scheduledAt}>
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            value={form.at}
            onChange={(e) => setForm({ ...form, at: e.target.value })}
          />
        )}
      </Field>
      <Field label="Attendees" hint="Names or emails, separated by commas." error={errors.fields.attendees}>
        {(p) => (
          <input
            {...p}
            value={form.attendees}
            onChange={(e) => setForm({ ...form, attendees: e.target.value })}
          />
        )}
      </Field>
      <Field label="Notes" error={errors.fields.notes}>
        {(p) => (
          <textarea
            {...p}
            className="short"
            value={form.notes}
            maxLength={5000}
            onChange={(e) => setForm({ ...form, notes: e.target.value })}
          />
        )}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button" disabled={schedule.isPending}>
          {schedule.isPending ? 'Scheduling…' : 'Schedule walkthrough'}
        </button>
      </div>
    </form>
  );
}
