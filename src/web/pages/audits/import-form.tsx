import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { REQUEST_LIST_COLUMNS } from '../../../domain/audit/audit-request.ts';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';

/** Imports the firm's request list from a CSV file; a list with a bad row is refused whole, every line named. */
export function ImportForm({
  auditId,
  onDone,
  onCancel,
}: {
  auditId: string;
  onDone: (imported: number) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Array<{ line: number; message: string }>>([]);
  const run = useMutation({
    mutationFn: async () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/audits/{auditId}/requests/import', {
          params: { path: { org: org.slug, auditId } },
          body: { csv: file ? await file.text() : '' },
        }),
      ),
    onSuccess: async ({ imported }) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'audits'] });
      onDone(imported);
    },
    onError: (error) => {
      const listed = error instanceof ApiError ? error.details.problems : undefined;
      if (Array.isArray(listed)) {
        setProblems(listed as Array<{ line: number; message: string }>);
        errors.show(new Error('Nothing was imported: fix these lines in the file and import it again.'));
      } else errors.show(error);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setProblems([]);
    if (!file) return errors.show(new Error('Choose the CSV file the firm sent.'));
    run.mutate();
  }
  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label="Import request list">
      <h2>Import the request list</h2>
      <p className="muted">
        A CSV file with the header <code>{REQUEST_LIST_COLUMNS.join(',')}</code>. Control and criterion are
        optional; dates are YYYY-MM-DD. A list with any bad row is refused whole.
      </p>
      <Field label="Request list (CSV)">
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <FormError error={errors.form ?? errors.fields.csv} />
      {problems.length > 0 && (
        <ul className="audits-problems" aria-label="Problems in the file">
          {problems.map((p) => (
            <li key={`${p.line}-${p.message}`}>
              Line {p.line}: {p.message}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={run.isPending}>
          {run.isPending ? 'Importing…' : 'Import requests'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={run.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
