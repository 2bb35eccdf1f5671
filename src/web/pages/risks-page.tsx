import { useState } from 'react';
import { label } from '../components/badge.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { AcceptForm } from './risks/accept-form.tsx';
import { HeatMap } from './risks/heat-map.tsx';
import { LibraryPanel } from './risks/library-panel.tsx';
import { RATING_TONE, type TRisk, useHeatMap, useRisks } from './risks/queries.ts';
import { RiskForm } from './risks/risk-form.tsx';

type TPanel =
  | { kind: 'new' }
  | { kind: 'edit'; risk: TRisk }
  | { kind: 'accept'; risk: TRisk }
  | { kind: 'library' };

/**
 * The risk register (CC3.1 to CC3.4): each risk rated before and after its controls, the heat maps of open
 * risks, recording and editing risks, adopting from the starter library, and recording acceptance.
 */
export function RisksPage() {
  const org = useOrg();
  const risks = useRisks(org.slug);
  const heat = useHeatMap(org.slug);
  const [panel, setPanel] = useState<TPanel | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const writable = org.can('risks:write');
  const done = (text: string) => {
    setPanel(null);
    setNotice(text);
  };

  return (
    <Page
      title="Risks"
      subtitle="What could go wrong, how likely and how bad, before and after controls. Score = likelihood × impact: low 1–4, medium 5–9, high 10–16, critical 20–25."
      actions={
        writable && panel === null ? (
          <div className="row">
            <button
              type="button"
              className="button"
              onClick={() => {
                setNotice(null);
                setPanel({ kind: 'library' });
              }}
            >
              Adopt from library
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setNotice(null);
                setPanel({ kind: 'new' });
              }}
            >
              New risk
            </button>
          </div>
        ) : null
      }
    >
      {panel?.kind === 'new' && (
        <RiskForm onCancel={() => setPanel(null)} onDone={(r) => done(`Recorded "${r.title}".`)} />
      )}
      {panel?.kind === 'edit' && (
        <RiskForm
          key={panel.risk.id}
          risk={panel.risk}
          onCancel={() => setPanel(null)}
          onDone={(r) => done(`Saved "${r.title}".`)}
        />
      )}
      {panel?.kind === 'accept' && (
        <AcceptForm
          key={panel.risk.id}
          risk={panel.risk}
          onCancel={() => setPanel(null)}
          onDone={() => done(`Accepted "${panel.risk.title}".`)}
        />
      )}
      {panel?.kind === 'library' && (
        <LibraryPanel
          adopted={
            new Set((risks.data ?? []).map((r) => r.libraryId).filter((id): id is string => id !== null))
          }
          onClose={() => setPanel(null)}
          onAdopted={(r) => setNotice(`Adopted "${r.title}". Rate it for your company with Edit.`)}
        />
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Query query={risks} what="Loading risks">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No risks recorded yet">
              {writable
                ? 'Adopt common risks from the starter library, or record your own with New risk. Include fraud (CC3.3) and significant change (CC3.4).'
                : 'The register is empty; an owner, admin or member records risks here.'}
            </EmptyState>
          ) : (
            <Register
              risks={items}
              onEdit={(risk) => setPanel({ kind: 'edit', risk })}
              onAccept={(risk) => setPanel({ kind: 'accept', risk })}
            />
          )
        }
      </Query>
      <section aria-labelledby="heat-maps" className="stack">
        <h2 id="heat-maps">Heat maps of open risks</h2>
        <Query query={heat} what="Loading the heat map">
          {(map) => (
            <div className="two-col risk-heat-maps">
              <HeatMap title="Inherent risk (before controls)" cells={map.inherent} />
              <HeatMap title="Residual risk (after controls)" cells={map.residual} />
            </div>
          )}
        </Query>
      </section>
    </Page>
  );
}

function Rating({ score, rating }: { score: number; rating: TRisk['inherentRating'] }) {
  return (
    <span className={`badge badge-${RATING_TONE[rating]}`}>
      {score} {label(rating)}
    </span>
  );
}

function Register({
  risks,
  onEdit,
  onAccept,
}: {
  risks: TRisk[];
  onEdit: (risk: TRisk) => void;
  onAccept: (risk: TRisk) => void;
}) {
  const org = useOrg();
  const { items, pager } = usePaged(risks);
  return (
    <div className="stack">
      <div className="table-wrap risk-table-wrap">
        <table aria-label="Risk register">
          <thead>
            <tr>
              <th scope="col">Risk</th>
              <th scope="col">Category</th>
              <th scope="col">Inherent</th>
              <th scope="col">Residual</th>
              <th scope="col">Treatment</th>
              <th scope="col">Owner</th>
              <th scope="col">Review</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>
                  <strong>{r.title}</strong>
                  {r.controlCodes.length > 0 && (
                    <div className="muted">Controls: {r.controlCodes.join(', ')}</div>
                  )}
                </td>
                <td>{label(r.category)}</td>
                <td>
                  <Rating score={r.inherentScore} rating={r.inherentRating} />
                  <div className="muted">
                    L{r.inherentLikelihood} × I{r.inherentImpact}
                  </div>
                </td>
                <td>
                  <Rating score={r.residualScore} rating={r.residualRating} />
                  <div className="muted">
                    L{r.residualLikelihood} × I{r.residualImpact}
                  </div>
                </td>
                <td>{label(r.treatment)}</td>
                <td>{r.ownerEmail ?? <span className="muted">Nobody</span>}</td>
                <td>{r.reviewDate ?? <span className="muted">—</span>}</td>
                <td>
                  {label(r.status)}
                  {r.acceptedAt ? (
                    <div>
                      <span className="badge badge-good">Accepted</span>
                      <div className="muted">
                        by {r.acceptedByLabel ?? 'unknown'} on {r.acceptedAt.slice(0, 10)}
                      </div>
                    </div>
                  ) : r.treatment === 'accept' ? (
                    <div className="muted">Awaiting acceptance</div>
                  ) : null}
                </td>
                <td>
                  <div className="row">
                    {org.can('risks:write') && (
                      <button
                        type="button"
                        className="button"
                        aria-label={`Edit ${r.title}`}
                        onClick={() => onEdit(r)}
                      >
                        Edit
                      </button>
                    )}
                    {org.can('risks:accept') &&
                      r.treatment === 'accept' &&
                      !r.acceptedAt &&
                      r.status === 'open' && (
                        <button
                          type="button"
                          className="button"
                          aria-label={`Accept ${r.title}`}
                          onClick={() => onAccept(r)}
                        >
                          Accept
                        </button>
                      )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </div>
  );
}
