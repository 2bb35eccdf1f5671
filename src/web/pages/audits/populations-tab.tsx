import { useState } from 'react';
import { Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { PopulationImportForm } from './population-import-form.tsx';
import { PopulationItems, SOURCE_LABEL, when } from './population-items.tsx';
import { useAuditContext } from './queries.ts';
import { SamplesSection } from './samples-section.tsx';
import { type TPopulation, type TPopulationKind, usePopulations } from './testing-queries.ts';

// The populations of the audit's period (every merged change, hire, leaver … with where each came from),
// importing one from CSV, and the samples drawn from them: each with its seed, so anyone can draw it again
// and get the same items from the same population.

/** The populations tab: kinds with counts and provenance, their items, the CSV import and the samples. */
export function AuditPopulationsTab() {
  const audit = useAuditContext();
  const org = useOrg();
  const populations = usePopulations(org.slug, audit.id);
  const [open, setOpen] = useState<TPopulationKind | null>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="stack">
      {org.can('audits:manage') && !importing && (
        <div className="row">
          <button type="button" className="button" onClick={() => setImporting(true)}>
            Import a population (CSV)
          </button>
        </div>
      )}
      {importing && (
        <PopulationImportForm
          onCancel={() => setImporting(false)}
          onDone={(text) => {
            setImporting(false);
            setNotice(text);
          }}
        />
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Query query={populations} what="Loading populations">
        {(p) => <PopulationsTable populations={p.items} onOpen={setOpen} />}
      </Query>
      {open && <PopulationItems auditId={audit.id} kind={open} onClose={() => setOpen(null)} />}
      <SamplesSection auditId={audit.id} />
    </div>
  );
}

function PopulationsTable({
  populations,
  onOpen,
}: {
  populations: TPopulation[];
  onOpen: (kind: TPopulationKind) => void;
}) {
  return (
    <section className="card stack" aria-labelledby="populations-title">
      <h2 id="populations-title" className="card-title">
        Populations of the period
      </h2>
      <div className="table-wrap">
        <table aria-label="Populations">
          <thead>
            <tr>
              <th>Population</th>
              <th>Items in the period</th>
              <th>Where they came from</th>
            </tr>
          </thead>
          <tbody>
            {populations.map((p) => (
              <tr key={p.kind}>
                <td>
                  {p.count > 0 ? (
                    <button type="button" className="button-link" onClick={() => onOpen(p.kind)}>
                      {p.label}
                    </button>
                  ) : (
                    p.label
                  )}
                </td>
                <td>{p.count}</td>
                <td>
                  {p.sources.length === 0 ? (
                    <span className="muted">Nothing collected or imported yet</span>
                  ) : (
                    <ul className="pop-sources">
                      {p.sources.map((s) => (
                        <li key={`${s.kind} ${s.ref}`}>
                          {SOURCE_LABEL[s.kind]} <strong>{s.ref}</strong>: {s.count} item
                          {s.count === 1 ? '' : 's'}, last collected {when(s.lastCollectedAt)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
