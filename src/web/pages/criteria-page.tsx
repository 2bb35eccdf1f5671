import { useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../components/badge.tsx';
import { Field } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { NoProgram } from './dashboard/no-program.tsx';
import { isNoProgram, useCatalog, useReadiness } from './dashboard/queries.ts';
import { percent, type TCatalog, type TReadiness } from './dashboard/types.ts';

/** Every in-scope criterion with our summary of it and where the organization stands. */
export function CriteriaPage() {
  const org = useOrg();
  const catalog = useCatalog();
  const readiness = useReadiness(org.slug);
  return (
    <Page title="Criteria" subtitle="The SOC 2 Trust Services Criteria in your scope, and how ready each is.">
      {catalog.isPending || readiness.isPending ? (
        <Loading what="Loading the criteria" />
      ) : readiness.data === null || isNoProgram(readiness.error) ? (
        <NoProgram />
      ) : catalog.error || readiness.error || !catalog.data || !readiness.data ? (
        <ErrorState
          error={catalog.error ?? readiness.error ?? 'no data'}
          retry={() => {
            void catalog.refetch();
            void readiness.refetch();
          }}
        />
      ) : (
        <CriteriaTable catalog={catalog.data} readiness={readiness.data} />
      )}
    </Page>
  );
}

function CriteriaTable({ catalog, readiness }: { catalog: TCatalog; readiness: TReadiness }) {
  const org = useOrg();
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState('');
  const byId = new Map(catalog.criteria.map((c) => [c.id, c]));
  const rows = readiness.criteria.filter(
    (c) => (!category || c.category === category) && (!status || c.status === status),
  );
  const { items, pager, reset } = usePaged(rows, 25);
  return (
    <>
      <div className="filters">
        <Field label="Category">
          {(p) => (
            <select
              {...p}
              value={category}
              onChange={(e) => {
                setCategory(e.target.value);
                reset();
              }}
            >
              <option value="">All categories</option>
              {readiness.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status">
          {(p) => (
            <select
              {...p}
              value={status}
              onChange={(e) => {
                setStatus(e.target.value);
                reset();
              }}
            >
              <option value="">All statuses</option>
              <option value="ready">Ready</option>
              <option value="partial">Partial</option>
              <option value="gap">Gap</option>
              <option value="not_applicable">Not applicable</option>
            </select>
          )}
        </Field>
        <p className="muted criteria-count" aria-live="polite">
          {rows.length} of {readiness.criteria.length} criteria
        </p>
      </div>
      {rows.length === 0 ? (
        <EmptyState title="No criterion matches">Choose another category or status.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">What it asks</th>
                <th scope="col">Status</th>
                <th scope="col">Controls</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => {
                const entry = byId.get(c.id);
                return (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/o/${org.slug}/criteria/${c.id}`}>{c.id}</Link>
                    </th>
                    <td>
                      {entry?.summary ?? <span className="muted">No summary in the catalog</span>}
                      <div className="hint">
                        {c.series} {entry?.seriesName}
                      </div>
                    </td>
                    <td>
                      <Badge status={c.status} /> <span className="muted">{percent(c.score)}</span>
                    </td>
                    <td>
                      {c.controls.implemented} of {c.controls.applicable} implemented
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pager}
    </>
  );
}
