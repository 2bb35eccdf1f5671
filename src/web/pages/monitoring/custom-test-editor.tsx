import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { label } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { useControls } from '../controls/queries.ts';
import { ControlPicker } from '../evidence/control-picker.tsx';
import { monitoringKey, type TCustomTest, type TResourceType, useResourceTypes } from './queries.ts';

// The custom-test editor: a CEL expression over one resource type, whose fields are listed beside it (click
// one to insert it). "Check" asks the server to type-check it; a refusal is shown under the editor with the
// line and column it points at and a caret under that spot.

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

interface TPointed {
  message: string;
  line?: number;
  column?: number;
}

/** The expression's error with its position, from the server's details. */
function pointed(error: ApiError): TPointed {
  const { line, column } = error.details;
  return {
    message: error.message,
    ...(typeof line === 'number' ? { line } : {}),
    ...(typeof column === 'number' ? { column } : {}),
  };
}

/** Which input a save refusal is about (the server says it in words, or by request-validation path). */
function fieldOfSaveError(error: ApiError): string {
  const issues = error.fieldErrors();
  const [first] = Object.keys(issues);
  if (Array.isArray(error.details.issues) && first) return first;
  if ('line' in error.details || 'column' in error.details || /expression/.test(error.message))
    return 'expression';
  if ('controls' in error.details || /control/.test(error.message)) return 'controls';
  if (/resource type/.test(error.message)) return 'resourceType';
  if (/severity/.test(error.message)) return 'severity';
  if (/title|custom test .* exists|custom test id/.test(error.message)) return 'title';
  return 'form';
}

export function CustomTestEditor({ onSaved }: { onSaved: (test: TCustomTest) => void }) {
  const types = useResourceTypes();
  return (
    <section className="card stack panel" aria-labelledby="editor-title">
      <h2 id="editor-title">New custom test</h2>
      <Query query={types} what="Loading resource types">
        {(list) => <EditorForm types={list} onSaved={onSaved} />}
      </Query>
    </section>
  );
}

function EditorForm({ types, onSaved }: { types: TResourceType[]; onSaved: (test: TCustomTest) => void }) {
  const org = useOrg();
  const queries = useQueryClient();
  const controls = useControls(org.slug, org.can('controls:read'));
  const editor = useRef<HTMLTextAreaElement>(null);
  const [form, setForm] = useState({
    title: '',
    resourceType: types[0]?.type ?? '',
    expression: '',
    severity: 'medium' as (typeof SEVERITIES)[number],
    controls: [] as string[],
    rationale: '',
    remediation: '',
  });
  const [checked, setChecked] = useState<{ references: string[] } | TPointed | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const type = types.find((t) => t.type === form.resourceType);

  const update = (patch: Partial<typeof form>) => {
    setForm((f) => ({ ...f, ...patch }));
    if ('expression' in patch || 'resourceType' in patch) setChecked(null);
  };

  const check = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/custom-tests/check', {
          params: { path: { org: org.slug } },
          body: { resourceType: form.resourceType, expression: form.expression },
        }),
      ),
    onSuccess: (result) => setChecked({ references: result.references }),
    onError: (error) =>
      setChecked(error instanceof ApiError ? pointed(error) : { message: (error as Error).message }),
  });

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/custom-tests', {
          params: { path: { org: org.slug } },
          body: {
            title: form.title.trim(),
            resourceType: form.resourceType,
            expression: form.expression,
            severity: form.severity,
            controls: form.controls,
            ...(form.rationale.trim() ? { rationale: form.rationale.trim() } : {}),
            ...(form.remediation.trim() ? { remediation: form.remediation.trim() } : {}),
          },
        }),
      ),
    onSuccess: async (test) => {
      await queries.invalidateQueries({ queryKey: monitoringKey(org.slug) });
      onSaved(test);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setErrors({ form: (error as Error).message });
      const field = fieldOfSaveError(error);
      if (field === 'expression') setChecked(pointed(error));
      else setErrors({ [field]: error.fieldErrors()[field] ?? error.message });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    // The server's first checks, before a round trip.
    if (!form.title.trim()) return setErrors({ title: 'Give the test a title.' });
    if (!form.expression.trim())
      return setChecked({ message: 'Write the expression: true passes, false fails.' });
    if (form.controls.length === 0) return setErrors({ controls: 'Map the test to at least one control.' });
    save.mutate();
  }

  function insert(path: string) {
    const area = editor.current;
    const text = `resource.${path}`;
    const start = area?.selectionStart ?? form.expression.length;
    const end = area?.selectionEnd ?? form.expression.length;
    update({ expression: form.expression.slice(0, start) + text + form.expression.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  const problem = checked && 'message' in checked ? checked : null;

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="two-col">
        <Field label="Title (required)" error={errors.title}>
          {(p) => (
            <input
              {...p}
              value={form.title}
              maxLength={200}
              required
              placeholder="Every login role has a password expiry"
              onChange={(e) => update({ title: e.target.value })}
            />
          )}
        </Field>
        <Field label="Resource type" error={errors.resourceType}>
          {(p) => (
            <select
              {...p}
              value={form.resourceType}
              onChange={(e) => update({ resourceType: e.target.value })}
            >
              {types.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.title} ({t.type})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="cel-editor">
        <div className="cel-editor-main">
          <div className={`field${problem ? ' field-invalid' : ''}`}>
            <label htmlFor="cel-expression">Expression (CEL, required)</label>
            <textarea
              id="cel-expression"
              ref={editor}
              className="mono cel-expression"
              value={form.expression}
              spellCheck={false}
              maxLength={4000}
              aria-describedby="cel-hint cel-result"
              aria-invalid={problem ? true : undefined}
              placeholder={'resource.canLogin && has(resource.validUntil)'}
              onChange={(e) => update({ expression: e.target.value })}
            />
            <div className="hint" id="cel-hint">
              True passes, false fails. <code>resource</code> is the resource, <code>now</code> the run's
              time; test a field that may be absent with <code>has(resource.field)</code>.
            </div>
            <div id="cel-result" aria-live="polite">
              {problem ? (
                <CheckError expression={form.expression} problem={problem} />
              ) : checked ? (
                <p className="check-ok">
                  The expression type-checks.
                  {'references' in checked && checked.references.length > 0 && (
                    <> It reads {checked.references.map((r) => `resource.${r}`).join(', ')}.</>
                  )}
                </p>
              ) : null}
            </div>
          </div>
          <div className="row">
            <button
              type="button"
              className="button"
              disabled={check.isPending || !form.expression.trim()}
              onClick={() => check.mutate()}
            >
              {check.isPending ? 'Checking…' : 'Check'}
            </button>
          </div>
        </div>
        <aside className="cel-fields" aria-labelledby="cel-fields-title">
          <h3 id="cel-fields-title">Fields of {type?.title ?? form.resourceType}</h3>
          {type && type.fields.length > 0 ? (
            <ul className="plain-list">
              {type.fields.map((f) => (
                <li key={f.path}>
                  <button
                    type="button"
                    className="button-link"
                    aria-label={`Insert resource.${f.path}`}
                    onClick={() => insert(f.path)}
                  >
                    <code>{f.path}</code>
                  </button>{' '}
                  <span className="muted small">
                    {f.type}
                    {f.nullable && ', may be absent'}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">This type has no fields.</p>
          )}
        </aside>
      </div>
      <Field label="Severity" error={errors.severity}>
        {(p) => (
          <select
            {...p}
            value={form.severity}
            onChange={(e) => update({ severity: e.target.value as (typeof SEVERITIES)[number] })}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ControlPicker
        label="Controls it shows (required)"
        controls={controls.data ?? []}
        value={form.controls}
        onChange={(codes) => update({ controls: codes })}
        error={errors.controls ?? (controls.error ? controls.error.message : undefined)}
        hint="A failure moves these controls to failing."
      />
      <div className="two-col">
        <Field label="Rationale" hint="Optional: why it matters." error={errors.rationale}>
          {(p) => (
            <textarea
              {...p}
              className="short"
              value={form.rationale}
              maxLength={4000}
              onChange={(e) => update({ rationale: e.target.value })}
            />
          )}
        </Field>
        <Field label="Remediation" hint="Optional: how to fix a failure." error={errors.remediation}>
          {(p) => (
            <textarea
              {...p}
              className="short"
              value={form.remediation}
              maxLength={4000}
              onChange={(e) => update({ remediation: e.target.value })}
            />
          )}
        </Field>
      </div>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save test'}
        </button>
      </div>
    </form>
  );
}

/** The server's message, and the line it points at with a caret under the column. */
function CheckError({ expression, problem }: { expression: string; problem: TPointed }) {
  const lineText = problem.line ? expression.split('\n')[problem.line - 1] : undefined;
  return (
    <div className="field-error cel-error" role="alert">
      <p className="cel-error-message">
        {problem.line && problem.column ? (
          <strong>
            Line {problem.line}, column {problem.column}:{' '}
          </strong>
        ) : null}
        {problem.message}
      </p>
      {lineText !== undefined && problem.column ? (
        <pre className="cel-caret" aria-hidden="true">
          {lineText}
          {'\n'}
          {' '.repeat(Math.max(0, problem.column - 1))}^
        </pre>
      ) : null}
    </div>
  );
}
