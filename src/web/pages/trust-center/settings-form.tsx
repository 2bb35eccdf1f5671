import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { AreasEditor, type TAreaDraft } from './areas-editor.tsx';
import { type TTrustCenter, type TTrustSettings, trustKeys } from './trust-api.ts';

// What the public page says: published or not, the headline and introduction, the contact, the FAQ, the
// control areas, the subprocessors and the confidentiality terms visitors accept. Saved as one document.

type TFaq = TTrustSettings['faq'][number];
type TSubprocessor = TTrustSettings['subprocessors'][number];

interface TDraft extends Omit<TTrustSettings, 'areas' | 'securityContact'> {
  securityContact: string;
  areas: TAreaDraft[];
}

function draftOf(t: TTrustCenter): TDraft {
  return {
    published: t.published,
    headline: t.headline,
    description: t.description,
    securityContact: t.securityContact ?? '',
    faq: t.faq,
    areas: t.areas.map((a) => ({ ...a, controlsText: a.controls.join(', ') })),
    subprocessors: t.subprocessors,
    ndaText: t.ndaText,
  };
}

function bodyOf(d: TDraft): TTrustSettings {
  return {
    published: d.published,
    headline: d.headline,
    description: d.description,
    securityContact: d.securityContact.trim() ? d.securityContact : null,
    faq: d.faq,
    areas: d.areas.map(({ controlsText, ...a }) => ({
      ...a,
      controls: controlsText
        .split(/[\s,]+/)
        .map((c) => c.trim())
        .filter(Boolean),
    })),
    subprocessors: d.subprocessors,
    ndaText: d.ndaText,
  };
}

export function TrustSettingsForm({ trust }: { trust: TTrustCenter }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [draft, setDraft] = useState<TDraft>(() => draftOf(trust));
  const [saved, setSaved] = useState<string | null>(null);
  const set = (change: Partial<TDraft>) => {
    setSaved(null);
    setDraft({ ...draft, ...change });
  };
  const save = useMutation({
    mutationFn: (body: TTrustSettings) =>
      unwrap(api.PUT('/api/v1/orgs/{org}/trust-center', { params: { path: { org: org.slug } }, body })),
    onSuccess: (next) => {
      errors.clear();
      queries.setQueryData(trustKeys.settings(org.slug), next);
      setDraft(draftOf(next));
      setSaved(
        next.published ? 'Saved. The trust center is public.' : 'Saved. The trust center is not public.',
      );
    },
    onError: (e) => errors.show(e),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setSaved(null);
    save.mutate(bodyOf(draft));
  }

  const setFaq = (i: number, change: Partial<TFaq>) =>
    set({ faq: draft.faq.map((f, j) => (j === i ? { ...f, ...change } : f)) });
  const setSub = (i: number, change: Partial<TSubprocessor>) =>
    set({ subprocessors: draft.subprocessors.map((s, j) => (j === i ? { ...s, ...change } : s)) });

  return (
    <form className="stack trust-settings" onSubmit={submit} noValidate aria-label="Trust center page">
      <section className="card stack" aria-labelledby="trust-publish-title">
        <h2 id="trust-publish-title" className="card-title">
          Publishing
        </h2>
        <label className="choice">
          <input
            type="checkbox"
            checked={draft.published}
            aria-describedby="trust-published-hint"
            onChange={(e) => set({ published: e.target.checked })}
          />
          <strong>Published</strong>
        </label>
        <p className="hint" id="trust-published-hint">
          Published, anyone with the address can read the page; unpublished, it answers “not found”.
        </p>
        <p className="trust-public-link">
          Public page:{' '}
          {trust.published ? (
            <a href={trust.publicUrl} target="_blank" rel="noreferrer">
              {trust.publicUrl}
            </a>
          ) : (
            <span className="muted">{trust.publicUrl} (not published yet)</span>
          )}
        </p>
      </section>

      <section className="card stack" aria-labelledby="trust-intro-title">
        <h2 id="trust-intro-title" className="card-title">
          Introduction
        </h2>
        <Field label="Headline" error={errors.fields.headline}>
          {(p) => (
            <input
              {...p}
              value={draft.headline}
              maxLength={200}
              required
              onChange={(e) => set({ headline: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Description"
          hint="A few sentences on your security program."
          error={errors.fields.description}
        >
          {(p) => (
            <textarea
              {...p}
              value={draft.description}
              maxLength={4000}
              onChange={(e) => set({ description: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Security contact"
          hint="An email address for security questions; leave empty to show none."
          error={errors.fields.securityContact}
        >
          {(p) => (
            <input
              {...p}
              type="email"
              value={draft.securityContact}
              maxLength={254}
              onChange={(e) => set({ securityContact: e.target.value })}
            />
          )}
        </Field>
      </section>

      <section className="card stack" aria-labelledby="trust-faq-title">
        <h2 id="trust-faq-title" className="card-title">
          Frequently asked questions
        </h2>
        <FormError error={errors.fields.faq} />
        {draft.faq.length === 0 && (
          <p className="muted">No questions yet. Add the ones reviewers ask most.</p>
        )}
        {draft.faq.map((f, i) => (
          <fieldset className="fieldset stack" key={`faq-${i.toString()}`}>
            <legend>Question {i + 1}</legend>
            <Field label="Question" error={errors.fields[`faq.${i}`]}>
              {(p) => (
                <input
                  {...p}
                  value={f.question}
                  maxLength={300}
                  onChange={(e) => setFaq(i, { question: e.target.value })}
                />
              )}
            </Field>
            <Field label="Answer">
              {(p) => (
                <textarea
                  {...p}
                  value={f.answer}
                  maxLength={3000}
                  onChange={(e) => setFaq(i, { answer: e.target.value })}
                />
              )}
            </Field>
            <div>
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => set({ faq: draft.faq.filter((_, j) => j !== i) })}
              >
                Remove question {i + 1}
              </button>
            </div>
          </fieldset>
        ))}
        <div>
          <button
            type="button"
            className="button"
            disabled={draft.faq.length >= 50}
            onClick={() => set({ faq: [...draft.faq, { question: '', answer: '' }] })}
          >
            Add a question
          </button>
        </div>
      </section>

      <AreasEditor areas={draft.areas} errors={errors.fields} onChange={(areas) => set({ areas })} />

      <section className="card stack" aria-labelledby="trust-subprocessors-title">
        <h2 id="trust-subprocessors-title" className="card-title">
          Subprocessors
        </h2>
        <FormError error={errors.fields.subprocessors} />
        {draft.subprocessors.length === 0 && (
          <p className="muted">No subprocessors listed. Add the vendors that process your customers’ data.</p>
        )}
        {draft.subprocessors.map((s, i) => (
          <fieldset className="fieldset" key={`sub-${i.toString()}`}>
            <legend>Subprocessor {i + 1}</legend>
            <div className="form-grid">
              <Field label="Name" error={errors.fields[`subprocessors.${i}`]}>
                {(p) => (
                  <input
                    {...p}
                    value={s.name}
                    maxLength={120}
                    onChange={(e) => setSub(i, { name: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Purpose">
                {(p) => (
                  <input
                    {...p}
                    value={s.purpose}
                    maxLength={300}
                    onChange={(e) => setSub(i, { purpose: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Location">
                {(p) => (
                  <input
                    {...p}
                    value={s.location}
                    maxLength={120}
                    onChange={(e) => setSub(i, { location: e.target.value })}
                  />
                )}
              </Field>
            </div>
            <button
              type="button"
              className="button button-small button-danger trust-remove"
              onClick={() => set({ subprocessors: draft.subprocessors.filter((_, j) => j !== i) })}
            >
              Remove subprocessor {i + 1}
            </button>
          </fieldset>
        ))}
        <div>
          <button
            type="button"
            className="button"
            disabled={draft.subprocessors.length >= 100}
            onClick={() =>
              set({ subprocessors: [...draft.subprocessors, { name: '', purpose: '', location: '' }] })
            }
          >
            Add a subprocessor
          </button>
        </div>
      </section>

      <section className="card stack" aria-labelledby="trust-nda-title">
        <h2 id="trust-nda-title" className="card-title">
          Confidentiality terms
        </h2>
        <Field
          label="NDA text"
          hint={`Visitors accept these terms before requesting gated documents. Current version: ${trust.ndaVersion}; a change makes a new version.`}
          error={errors.fields.ndaText}
        >
          {(p) => (
            <textarea
              {...p}
              className="trust-nda"
              value={draft.ndaText}
              maxLength={20000}
              onChange={(e) => set({ ndaText: e.target.value })}
            />
          )}
        </Field>
      </section>

      <FormError error={errors.form} />
      {Object.keys(errors.fields).length > 0 && (
        <p className="field-error">The page was not saved: correct the fields marked above.</p>
      )}
      <div className="row trust-save">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the trust center'}
        </button>
        {saved && (
          <p className="notice" role="status">
            {saved}
          </p>
        )}
      </div>
    </form>
  );
}
