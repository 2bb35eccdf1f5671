import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { OWNER_ROLE_LABELS, type TOwnerRole } from '../../domain/catalog-types.ts';
import { ApiError } from '../api/client.ts';
import { Badge, label } from '../components/badge.tsx';
import { Page } from '../components/page.tsx';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { ControlEdit } from './controls/control-edit.tsx';
import { ControlEvidence, ControlHistory, ControlTasks, ControlTests } from './controls/control-sections.tsx';
import { type TControlDetail, useControl } from './controls/queries.ts';

/** One control: what it requires, its criteria, evidence, monitoring, tasks and history; editable by owners. */
export function ControlPage() {
  const org = useOrg();
  const { code = '' } = useParams();
  const control = useControl(org.slug, code);
  const back = <Link to={`/o/${org.slug}/controls`}>All controls</Link>;

  if (control.isPending)
    return (
      <Page title={code} subtitle={back}>
        <Loading what="Loading the control" />
      </Page>
    );
  if (control.error instanceof ApiError && control.error.status === 404)
    return (
      <Page title={code} subtitle={back}>
        <EmptyState title={`No control "${code}"`}>
          Check the code, or <Link to={`/o/${org.slug}/controls`}>find it in the list</Link>.
        </EmptyState>
      </Page>
    );
  if (control.error || !control.data)
    return (
      <Page title={code} subtitle={back}>
        <ErrorState error={control.error} retry={() => void control.refetch()} />
      </Page>
    );
  return <ControlView control={control.data} back={back} />;
}

function ControlView({ control, back }: { control: TControlDetail; back: ReactNode }) {
  const org = useOrg();
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  return (
    <Page
      title={`${control.code} ${control.title}`}
      subtitle={
        <span className="row">
          {back}
          <Badge status={control.status} />
        </span>
      }
    >
      <div className="two-col control-top">
        <div className="stack">
          <section className="card panel" aria-labelledby="requirement">
            <h2 id="requirement">Requirement</h2>
            <p className="prose">{control.requirement || <span className="muted">Not written down.</span>}</p>
            <h3>Evidence that shows it operates</h3>
            <p className="prose">
              {control.evidenceGuidance || <span className="muted">No guidance written down.</span>}
            </p>
          </section>
          {control.notApplicableReason && (
            <section className="card panel" aria-labelledby="na-reason">
              <h2 id="na-reason">Why it does not apply</h2>
              <p className="prose">{control.notApplicableReason}</p>
            </section>
          )}
        </div>
        <div className="stack">
          <section className="card panel" aria-labelledby="facts">
            <h2 id="facts">Details</h2>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <Badge status={control.status} />
              </dd>
              <dt>Owner</dt>
              <dd>{control.ownerEmail ?? <span className="muted">Nobody yet</span>}</dd>
              <dt>Owner role</dt>
              <dd>{OWNER_ROLE_LABELS[control.ownerRole as TOwnerRole] ?? label(control.ownerRole)}</dd>
              <dt>Frequency</dt>
              <dd>{label(control.frequency)}</dd>
              <dt>Automatable</dt>
              <dd>{control.automatable ? 'Yes, monitoring can test it' : 'No, it is shown by evidence'}</dd>
              <dt>Criteria</dt>
              <dd>
                <ul className="inline-list">
                  {control.criteria.map((c) => (
                    <li key={c}>
                      <Link to={`/o/${org.slug}/criteria/${encodeURIComponent(c)}`}>{c}</Link>
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
          </section>
          {org.can('controls:write') && (
            <ControlEdit
              key={control.version}
              control={control}
              savedVersion={savedVersion}
              onSaved={setSavedVersion}
            />
          )}
        </div>
      </div>
      <ControlEvidence control={control} />
      <ControlTests control={control} />
      <ControlTasks control={control} />
      <ControlHistory control={control} />
    </Page>
  );
}
