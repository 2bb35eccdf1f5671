import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { MAX_POLICY_BODY_BYTES } from '../../../domain/policy-lifecycle.ts';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { policyKeys, type TPolicyView } from './policy-api.ts';
import { PolicyMarkdown } from './policy-markdown.tsx';

// The Markdown editor with its live preview. It saves into the draft with the version it loaded, so an edit
// made on top of someone else's newer version is refused and shown as a conflict instead of overwriting it.

/** What the editor started from: the latest version's number and hash (the server refuses a save over another). */
interface TLoaded {
  version: number;
  sha256: string | null;
  text: string;
}

type TConflict = { currentVersion: number | null; message: string };

function loadedFrom(view: TPolicyView): TLoaded {
  const latest = view.versions.reduce<TPolicyView['versions'][number] | null>(
    (max, v) => (!max || v.version > max.version ? v : max),
    null,
  );
  return {
    version: latest?.version ?? 0,
    sha256: latest?.sha256 ?? null,
    text: (view.draft ?? view.published)?.bodyMarkdown ?? '',
  };
}

/** The server's message as a sentence. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The same checks the server makes, so the common mistakes show before a round trip. */
function checkBody(text: string): string | null {
  if (text.trim() === '') return 'Write the policy before saving: its text cannot be empty.';
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_POLICY_BODY_BYTES)
    return `A policy is at most ${MAX_POLICY_BODY_BYTES / 1024} KiB of text; this one has ${Math.ceil(bytes / 1024)} KiB.`;
  return null;
}

export function PolicyEditor({
  org,
  view,
  onDirtyChange,
}: {
  org: string;
  view: TPolicyView;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const queries = useQueryClient();
  const id = view.policy.id;
  const fromServer = loadedFrom(view);
  const [loaded, setLoaded] = useState<TLoaded>(fromServer);
  const [text, setText] = useState(fromServer.text);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<TConflict | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const dirty = text !== loaded.text;
  const editorId = useId();
  const errorId = `${editorId}-error`;
  const hintId = `${editorId}-hint`;

  // When the server's policy moves on (an approval, someone else's save) and nothing here is unsaved, follow it.
  if (!dirty && !conflict && (fromServer.version !== loaded.version || fromServer.sha256 !== loaded.sha256)) {
    setLoaded(fromServer);
    setText(fromServer.text);
  }

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: (base: TLoaded) =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/policies/{id}/draft', {
          params: { path: { org, id } },
          body: {
            bodyMarkdown: text,
            expectedVersion: base.version,
            ...(base.sha256 ? { expectedSha256: base.sha256 } : {}),
          },
        }),
      ),
    onSuccess: async (result, base) => {
      const expectedVersion = base.version;
      setLoaded({
        version: result.draft.version,
        sha256: result.draft.sha256,
        text: result.draft.bodyMarkdown,
      });
      setText(result.draft.bodyMarkdown);
      setConflict(null);
      const lapsed = view.versions.find((v) => v.version === expectedVersion)?.status === 'approved';
      setNotice(
        !result.changed
          ? 'Nothing changed since the last save.'
          : result.created
            ? `Saved as a new draft, version ${result.draft.version}.${lapsed ? ` The approval of version ${expectedVersion} no longer applies: the owner approves the new text.` : ''}`
            : `Draft version ${result.draft.version} saved.`,
      );
      await queries.invalidateQueries({ queryKey: policyKeys.all(org) });
    },
    onError: (failure) => {
      setNotice(null);
      if (failure instanceof ApiError && failure.code === 'CONFLICT') {
        const current = failure.details.currentVersion;
        setConflict({
          currentVersion: typeof current === 'number' ? current : null,
          message: failure.message,
        });
        return;
      }
      if (failure instanceof ApiError) {
        setError(failure.fieldErrors().bodyMarkdown ?? failure.message);
        return;
      }
      setError(failure instanceof Error ? failure.message : String(failure));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const problem = checkBody(text);
    if (problem) {
      setError(problem);
      return;
    }
    save.mutate(loaded);
  }

  /** The policy as the server has it now (after a conflict). */
  async function fetchLatest(): Promise<TLoaded> {
    const fresh = await queries.fetchQuery({
      queryKey: policyKeys.one(org, id),
      queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/policies/{id}', { params: { path: { org, id } } })),
      staleTime: 0,
    });
    return loadedFrom(fresh);
  }

  async function loadLatest() {
    const next = await fetchLatest();
    setConflict(null);
    setError(null);
    setLoaded(next);
    setText(next.text);
    setNotice(`Loaded version ${next.version}, the latest. Your unsaved text was discarded.`);
  }

  const working = view.draft;
  const startsNew = working?.status !== 'draft';
  return (
    <form
      className="card stack policy-editor"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${editorId}-title`}
    >
      <div className="row policy-editor-head">
        <h2 id={`${editorId}-title`}>Edit the text</h2>
        <span className="muted small" id={hintId}>
          Markdown.{' '}
          {startsNew
            ? `Saving starts draft version ${loaded.version + 1}.`
            : `Editing draft version ${loaded.version}.`}
          {working?.status === 'approved' && ' Saving a change withdraws the pending approval.'}
        </span>
      </div>
      <div className="policy-editor-panes">
        <div className="field">
          <label htmlFor={editorId}>Policy text (Markdown)</label>
          <textarea
            id={editorId}
            className="policy-source"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
              setNotice(null);
            }}
            spellCheck
            aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="field">
          <span className="pane-label" id={`${editorId}-preview`}>
            Preview
          </span>
          <section className="policy-preview" aria-labelledby={`${editorId}-preview`}>
            {text.trim() ? <PolicyMarkdown text={text} /> : <p className="muted">Nothing to preview yet.</p>}
          </section>
        </div>
      </div>
      {error && (
        <div className="form-error" id={errorId} role="alert">
          {error}
        </div>
      )}
      {conflict && (
        <div className="conflict" role="alert">
          <strong>
            {conflict.currentVersion === null || conflict.currentVersion === loaded.version
              ? `Someone else saved this policy after you opened it (version ${conflict.currentVersion ?? loaded.version}).`
              : `Someone else changed this policy: it is now at version ${conflict.currentVersion}; you started from version ${loaded.version}.`}
          </strong>
          <p>
            {sentence(conflict.message)} Your text is still in the editor: keep it by saving it on top of
            theirs, or discard it and load theirs.
          </p>
          <div className="row">
            <button type="button" className="button" onClick={() => void loadLatest()}>
              Discard mine and load the latest
            </button>
            {conflict.currentVersion !== null && (
              <button
                type="button"
                className="button"
                disabled={save.isPending}
                onClick={async () => {
                  setError(null);
                  // On top of exactly what is there now: if it moves again, that is another conflict.
                  save.mutate(await fetchLatest());
                }}
              >
                Save mine on top of version {conflict.currentVersion}
              </button>
            )}
          </div>
        </div>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending || !dirty}>
          {save.isPending ? 'Saving…' : 'Save draft'}
        </button>
        {dirty && !save.isPending && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setText(loaded.text);
              setError(null);
            }}
          >
            Undo my changes
          </button>
        )}
        <span className="muted small" aria-live="polite">
          {notice ?? (dirty ? 'Unsaved changes.' : 'All changes saved.')}
        </span>
      </div>
    </form>
  );
}
