import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi.d.ts';
import { Badge } from '../components/badge.tsx';
import { Field, FormError } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { EmptyState, ErrorState, Loading, Query } from '../components/states.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { useOrg } from '../org.ts';
import { NoProgram } from './dashboard/no-program.tsx';
import { isNoProgram, retryServerErrors, useCatalog, useReadiness } from './dashboard/queries.ts';
import { percent, type TCatalogCriterion, type TCriterionReadiness } from './dashboard/types.ts';

type TControlRow =
  paths['/api/v1/orgs/{org}/controls']['get']['responses']['200']['content']['application/json']['items'][number];

/** One criterion: our summary of it, the controls that address it, and (for program writers) its exclusion. */
export function CriterionPage() {
  const org = useOrg();
  const { criterion = '' } = useParams();
  const catalog = useCatalog();
  const readiness = useReadiness(org.slug);
  const entry = catalog.data?.criteria.find((c) => c.id === criterion);
  const assessed = readiness.data?.criteria.find((c) => c.id === criterion);
  return (
    <Page
      title={`Criterion ${criterion}`}
      subtitle={<Link to={`/o/${org.slug}/criteria`}>All criteria</Link>}
      actions={assessed && <Badge status={assessed.status} />}
    >
      {catalog.isPending || readiness.isPending ? (
        <Loading what="Loading the criterion" />
      ) : readiness.data === null || isNoProgram(readiness.error) ? (
        <NoProgram />
      ) : catalog.error || readiness.error ? (
        <ErrorState
          error={catalog.error ?? readiness.error}
          retry={() => {
            void catalog.refetch();
            void readiness.refetch();
          }}
        />
      ) : !entry ? (
        <EmptyState title={`There is no criterion ${criterion}`}>
          <Link to={`/o/${org.slug}/criteria`}>See the criteria in scope</Link>
        </EmptyState>
      ) : (
        <CriterionBody entry={entry} assessed={assessed ?? null} />
      )}
    </Page>
  );
}

function CriterionBody({
  entry,
  assessed,
}: {
  entry: TCatalogCriterion;
  assessed: TCriterionReadiness | null;
}) {
  const org = useOrg();
  return (
    <div className="stack stack-fluid">
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="card-title">
          What it asks
        </h2>
        <p>{entry.summary}</p>
        <p className="muted">
          {entry.series} {entry.seriesName}
          {entry.cosoPrinciple !== null && ` · COSO principle ${entry.cosoPrinciple}`} · the AICPA lists{' '}
          {entry.pointsOfFocus} point{entry.pointsOfFocus === 1 ? '' : 's'} of focus for it (their text is the
          AICPA's and not reproduced here).
        </p>
      </section>
      {!assessed ? (
        <EmptyState title="Outside your scope">
          This criterion belongs to a category the program does not include.{' '}
          {org.can('program:write') && <Link to={`/o/${org.slug}/onboarding`}>Change the scope</Link>}
        </EmptyState>
      ) : (
        <>
          <section className="card" aria-labelledby="state-heading">
            <h2 id="state-heading" className="card-title">
              Where it stands
            </h2>
            <p>
              <Badge status={assessed.status} />{' '}
              {assessed.score === null ? '' : `${percent(assessed.score)} · `}
              {assessed.controls.implemented} of {assessed.controls.applicable} applicable controls
              implemented, {assessed.controls.evidenced} with current evidence.
            </p>
            {assessed.notApplicableReason && (
              <p>
                <strong>Excluded:</strong> {assessed.notApplicableReason}
              </p>
            )}
            {org.can('program:write') && <Exclusion assessed={assessed} />}
          </section>
          <section aria-labelledby="controls-heading">
            <h2 id="controls-heading">Controls that address it</h2>
            {org.can('controls:read') ? (
              <CriterionControls criterionId={entry.id} />
            ) : (
              <p>{assessed.controlCodes.join(', ') || 'None'}</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function CriterionControls({ criterionId }: { criterionId: string }) {
  const org = useOrg();
  const controls = useQuery({
    queryKey: ['org', org.slug, 'controls', { criterion: criterionId }],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/controls', {
          params: { path: { org: org.slug }, query: { criterion: criterionId, limit: 500 } },
        }),
      ),
    retry: retryServerErrors,
  });
  return (
    <Query query={controls} what="Loading the controls">
      {(data) => <ControlsTable controls={data.items} />}
    </Query>
  );
}

function ControlsTable({ controls }: { controls: TControlRow[] }) {
  const org = useOrg();
  const { items, pager } = usePaged(controls, 25);
  return controls.length === 0 ? (
    <EmptyState title="No control addresses this criterion">
      Add a control for it on the <Link to={`/o/${org.slug}/controls`}>controls</Link> page.
    </EmptyState>
  ) : (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Control</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col">Frequency</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.code}>
                <td>
                  <Link to={`/o/${org.slug}/controls/${c.code}`}>
                    <span className="mono">{c.code}</span> {c.title}
                  </Link>
                </td>
                <td>
                  <Badge status={c.status} />
                </td>
                <td>{c.ownerEmail ?? <span className="muted">No owner ({c.ownerRole})</span>}</td>
                <td>{c.frequency}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}

/** Mark the criterion not applicable (with the reason an auditor will read), or bring it back. */
function Exclusion({ assessed }: { assessed: TCriterionReadiness }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const path = { org: org.slug, criterion: assessed.id };
  const refresh = async () => {
    await queries.invalidateQueries({ queryKey: ['org', org.slug, 'readiness'] });
    await queries.invalidateQueries({ queryKey: ['org', org.slug, 'dashboard'] });
  };
  const exclude = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/criteria/{criterion}/exclusion', {
          params: { path },
          body: { reason: text },
        }),
      ),
    onSuccess: async () => {
      setOpen(false);
      setReason('');
      await refresh();
    },
    onError: (error) => errors.show(error),
  });
  const include = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/orgs/{org}/criteria/{criterion}/exclusion', { params: { path } })),
    onSuccess: refresh,
    onError: (error) => errors.show(error),
  });

  if (assessed.status === 'not_applicable')
    return (
      <div className="stack-tight">
        <div className="row">
          <button
            type="button"
            className="button"
            disabled={include.isPending}
            onClick={() => include.mutate()}
          >
            {include.isPending ? 'Including…' : 'Include it again'}
          </button>
        </div>
        <FormError error={errors.form} />
      </div>
    );
  if (!open)
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Exclude from the assessment…
      </button>
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setMissing(reason.trim() === '');
    if (reason.trim() !== '') exclude.mutate(reason);
  }
  return (
    <form className="stack-tight" onSubmit={submit} noValidate>
      <Field
        label="Why it does not apply to your system"
        hint="The auditor reads this. Say what about the system makes the criterion irrelevant (up to 2,000 characters)."
        error={missing ? 'Write the reason the auditor will read.' : errors.fields.reason}
      >
        {(p) => (
          <textarea
            {...p}
            value={reason}
            maxLength={2000}
            required
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={exclude.isPending}>
          {exclude.isPending ? 'Excluding…' : 'Exclude'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setOpen(false);
            errors.clear();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
