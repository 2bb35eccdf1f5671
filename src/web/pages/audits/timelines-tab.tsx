import { useState } from 'react';
import { Badge } from '../../components/badge.tsx';
import { Field } from '../../components/field.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { useAuditContext } from './queries.ts';
import {
  EXCEPTION_LABEL,
  type TControlTimeline,
  type TTimelineException,
  type TTimelineSummary,
  useControlTimeline,
  useExceptions,
  useTimelines,
} from './testing-queries.ts';

// How each control operated on each day of the audit's period: its coverage (days operating effectively),
// a strip of its days (tests and evidence), and the exceptions an auditor would find.

const TESTS_LABEL: Record<TControlTimeline['days'][number]['tests'], string> = {
  passed: 'tests passed',
  failed: 'a test failed',
  not_run: 'not monitored',
  none: 'no automated test',
};
const EVIDENCE_LABEL: Record<TControlTimeline['days'][number]['evidence'], string> = {
  valid: 'evidence valid',
  expired: 'evidence expired',
  none: 'no evidence',
};
const EXCEPTION_TONE: Record<TTimelineException['kind'], string> = {
  failing: 'fail',
  unmonitored: 'expiring',
  evidence_expired: 'expired',
  review_missing: 'missing',
};

/** The timelines tab: coverage per control, one control's days, and every exception of the period. */
export function AuditTimelinesTab() {
  const audit = useAuditContext();
  const org = useOrg();
  const timelines = useTimelines(org.slug, audit.id);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="stack">
      <Query query={timelines} what="Loading the control timelines">
        {(t) =>
          t.period.through === null ? (
            <EmptyState title="The period has not started">
              The timelines fill in day by day from {t.period.from}.
            </EmptyState>
          ) : (
            <>
              <p className="muted">
                {t.period.from === t.period.to
                  ? `As of ${t.period.from}.`
                  : `Judged from ${t.period.from} to ${t.period.through}${
                      t.period.through < t.period.to ? ` (the window runs to ${t.period.to})` : ''
                    }.`}{' '}
                Coverage is the share of days a control operated effectively: its automated tests ran and
                passed, or, for a control without tests, valid evidence covered the day.
              </p>
              {selected && (
                <ControlTimeline auditId={audit.id} code={selected} onClose={() => setSelected(null)} />
              )}
              <CoverageTable items={t.items} onOpen={setSelected} />
            </>
          )
        }
      </Query>
      <ExceptionsList auditId={audit.id} onOpen={setSelected} />
    </div>
  );
}

function CoverageTable({ items, onOpen }: { items: TTimelineSummary[]; onOpen: (code: string) => void }) {
  const [onlyExceptions, setOnlyExceptions] = useState(false);
  const shown = onlyExceptions ? items.filter((i) => i.exceptions > 0) : items;
  const { items: page, pager } = usePaged(shown, 25);
  return (
    <section className="card stack" aria-labelledby="timelines-coverage">
      <h2 id="timelines-coverage" className="card-title">
        Coverage per control
      </h2>
      <label className="choice">
        <input
          type="checkbox"
          checked={onlyExceptions}
          onChange={(e) => setOnlyExceptions(e.target.checked)}
        />
        <span>Only controls with exceptions</span>
      </label>
      <div className="table-wrap">
        <table aria-label="Coverage per control">
          <thead>
            <tr>
              <th>Control</th>
              <th>Operates by</th>
              <th>Coverage</th>
              <th>Exceptions</th>
            </tr>
          </thead>
          <tbody>
            {page.map((i) => (
              <tr key={i.controlCode}>
                <td>
                  <button type="button" className="button-link" onClick={() => onOpen(i.controlCode)}>
                    {i.controlCode}
                  </button>{' '}
                  {i.title}
                </td>
                <td>{i.monitored ? 'Automated tests' : `Evidence (${i.frequency})`}</td>
                <td>
                  <div className="tl-coverage">
                    <progress value={i.coverage} max={100} aria-label={`${i.controlCode} coverage`}>
                      {i.coverage}%
                    </progress>
                    <span>{i.coverage}%</span>
                  </div>
                </td>
                <td>{i.exceptions > 0 ? <Badge status="fail">{String(i.exceptions)}</Badge> : '0'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </section>
  );
}

function ControlTimeline({ auditId, code, onClose }: { auditId: string; code: string; onClose: () => void }) {
  const org = useOrg();
  const timeline = useControlTimeline(org.slug, auditId, code);
  return (
    <section className="card stack panel" aria-labelledby="timeline-control">
      <div className="row">
        <h2 id="timeline-control" className="card-title">
          {code}: day by day
        </h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <Query query={timeline} what={`Loading ${code}`}>
        {(t) => (
          <>
            <p>
              Coverage <strong>{t.coverage}%</strong> over {t.days.length} day{t.days.length === 1 ? '' : 's'}
              .
            </p>
            <ol className="tl-strip" aria-label={`${code}, one mark per day`}>
              {t.days.map((d) => (
                <li
                  key={d.date}
                  className={`tl-day tl-tests-${d.tests} tl-evidence-${d.evidence}`}
                  title={`${d.date}: ${TESTS_LABEL[d.tests]}, ${EVIDENCE_LABEL[d.evidence]}`}
                >
                  <span className="visually-hidden">
                    {d.date}: {TESTS_LABEL[d.tests]}, {EVIDENCE_LABEL[d.evidence]}
                  </span>
                </li>
              ))}
            </ol>
            <ul className="tl-legend" aria-label="Legend">
              <li>
                <span className="tl-day tl-tests-passed" /> tests passed
              </li>
              <li>
                <span className="tl-day tl-tests-failed" /> a test failed
              </li>
              <li>
                <span className="tl-day tl-tests-not_run" /> not monitored that day
              </li>
              <li>
                <span className="tl-day tl-tests-none" /> no automated test
              </li>
              <li>
                <span className="tl-day tl-tests-none tl-evidence-valid" /> evidence valid (underline)
              </li>
              <li>
                <span className="tl-day tl-tests-none tl-evidence-expired" /> evidence expired
              </li>
            </ul>
            {t.exceptions.length === 0 ? (
              <p className="muted">No exception in the period.</p>
            ) : (
              <ExceptionTable exceptions={t.exceptions.map((e) => ({ ...e, controlCode: code }))} />
            )}
          </>
        )}
      </Query>
    </section>
  );
}

function ExceptionsList({ auditId, onOpen }: { auditId: string; onOpen: (code: string) => void }) {
  const org = useOrg();
  const exceptions = useExceptions(org.slug, auditId);
  const [kind, setKind] = useState<TTimelineException['kind'] | ''>('');
  return (
    <section className="card stack" aria-labelledby="timelines-exceptions">
      <h2 id="timelines-exceptions" className="card-title">
        Exceptions an auditor would find
      </h2>
      <Query query={exceptions} what="Loading exceptions">
        {(all) =>
          all.length === 0 ? (
            <p className="muted">No exception in the period so far.</p>
          ) : (
            <>
              <div className="filters">
                <Field label="Kind">
                  {(p) => (
                    <select
                      {...p}
                      value={kind}
                      onChange={(e) => setKind(e.target.value as TTimelineException['kind'] | '')}
                    >
                      <option value="">All ({all.length})</option>
                      {Object.entries(EXCEPTION_LABEL).map(([k, text]) => (
                        <option key={k} value={k}>
                          {text} ({all.filter((e) => e.kind === k).length})
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <ExceptionTable exceptions={kind ? all.filter((e) => e.kind === kind) : all} onOpen={onOpen} />
            </>
          )
        }
      </Query>
    </section>
  );
}

function ExceptionTable({
  exceptions,
  onOpen,
}: {
  exceptions: TTimelineException[];
  onOpen?: (code: string) => void;
}) {
  const { items, pager } = usePaged(exceptions, 25);
  return (
    <>
      <div className="table-wrap">
        <table aria-label="Exceptions">
          <thead>
            <tr>
              <th>Control</th>
              <th>Kind</th>
              <th>From</th>
              <th>To</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={`${e.controlCode} ${e.kind} ${e.from}`}>
                <td>
                  {onOpen ? (
                    <button type="button" className="button-link" onClick={() => onOpen(e.controlCode)}>
                      {e.controlCode}
                    </button>
                  ) : (
                    e.controlCode
                  )}
                </td>
                <td>
                  <Badge status={EXCEPTION_TONE[e.kind]}>{EXCEPTION_LABEL[e.kind]}</Badge>
                </td>
                <td>{e.from}</td>
                <td>{e.to}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
