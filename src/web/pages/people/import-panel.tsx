import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { Field, FormError } from '../../components/field.tsx';
import { useOrg } from '../../org.ts';

type TKind = 'people' | 'training';

interface TProblem {
  line: number;
  field: string | null;
  message: string;
}

const COPY: Record<TKind, { title: string; columns: string; hint: string }> = {
  people: {
    title: 'Import people from your HR system',
    columns: 'email,name,type,department,title,manager_email,start_date,end_date,in_scope',
    hint: 'One person a line. email, name and start_date are required; type is employee or contractor; dates are YYYY-MM-DD. Known emails are updated from the file.',
  },
  training: {
    title: "Import a training provider's completions",
    columns: 'email,course,completed_at',
    hint: 'One completion a line; completed_at is a date or a timestamp. A course named like a built-in one counts as that course; any other counts as security training done.',
  },
};

/** Imports a CSV file: all lines or none, with every refused line listed by its number. */
export function ImportPanel({
  kind,
  onClose,
  onDone,
}: {
  kind: TKind;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<TProblem[]>([]);
  const copy = COPY[kind];

  const run = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error('Choose a CSV file first.');
      const body = { csv: await file.text(), fileName: file.name };
      const path = { org: org.slug };
      if (kind === 'people') {
        const r = await unwrap(api.POST('/api/v1/orgs/{org}/people/import', { params: { path }, body }));
        return `Imported ${file.name}: ${r.created} added, ${r.updated} updated, ${r.unchanged} unchanged.`;
      }
      const r = await unwrap(
        api.POST('/api/v1/orgs/{org}/people/training-import', { params: { path }, body }),
      );
      return `Imported ${file.name}: ${r.recorded} completions recorded, ${r.alreadyRecorded} already known.`;
    },
    onMutate: () => setProblems([]),
    onSuccess: async (text) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onDone(text);
    },
    onError: (error) => {
      if (error instanceof ApiError && Array.isArray(error.details.problems))
        setProblems(error.details.problems as TProblem[]);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    run.mutate();
  }

  return (
    <form className="card stack panel" onSubmit={submit} aria-label={copy.title} noValidate>
      <h2>{copy.title}</h2>
      <p className="muted small">
        Columns: <code>{copy.columns}</code>
      </p>
      <Field label="CSV file" hint={copy.hint}>
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setProblems([]);
            }}
          />
        )}
      </Field>
      <FormError error={run.error ? run.error.message : null} />
      {problems.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Refused lines" className="people-problems">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={`${p.line}-${p.field}-${p.message}`}>
                  <td>{p.line}</td>
                  <td>{p.field ?? '—'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={run.isPending || !file}>
          {run.isPending ? 'Importing…' : 'Import'}
        </button>
        <button type="button" className="button" onClick={onClose} disabled={run.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
