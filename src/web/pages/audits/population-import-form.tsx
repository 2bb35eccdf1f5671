import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { POPULATION_KIND_LABELS, POPULATION_KINDS } from '../../../domain/audit/populations.ts';
import { ApiError } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { auditsKey } from './queries.ts';
import { importPopulationFile, type TPopulationKind } from './testing-queries.ts';

const KINDS: readonly TPopulationKind[] = POPULATION_KINDS;

/** Imports a population from CSV, all rows or none; a refused file lists its problems by line. */
export function PopulationImportForm({
  onDone,
  onCancel,
}: {
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [kind, setKind] = useState<TPopulationKind>('change');
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Array<{ line: number; message: string }>>([]);
  const run = useMutation({
    mutationFn: () => importPopulationFile(org.slug, kind, file as File),
    onSuccess: async (imported) => {
      await queries.invalidateQueries({ queryKey: auditsKey(org.slug) });
      onDone(
        `Imported ${imported.rows} row${imported.rows === 1 ? '' : 's'} from ${imported.source.ref} (${imported.changed} new or changed).`,
      );
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
    if (!file) return errors.show(new Error('Choose a CSV file.'));
    run.mutate();
  }
  return (
    <form className="card stack panel" onSubmit={submit} noValidate aria-label="Import a population">
      <h2>Import a population</h2>
      <p className="muted">
        A CSV file with the columns <code>id,occurred_at,title</code> and any more (kept with each item).
        Dates are YYYY-MM-DD or ISO 8601 times with their offset. A file with any bad row is refused whole; an
        id imported before is updated, not added twice.
      </p>
      <Field label="Population">
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as TPopulationKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {POPULATION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="File (CSV)" error={errors.fields.file}>
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <FormError error={errors.form} />
      {problems.length > 0 && (
        <div className="table-wrap">
          <table className="pop-problems" aria-label="Problems in the file">
            <thead>
              <tr>
                <th>Line</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={`${p.line} ${p.message}`}>
                  <td>{p.line}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={run.isPending}>
          {run.isPending ? 'Importing…' : 'Import'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={run.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
