import { useId, useState } from 'react';
import { Badge } from '../../components/badge.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { day, pdfHref, type TPolicyView, usePolicyVersion } from './policy-api.ts';
import { PolicyDiff } from './policy-diff.tsx';
import { PolicyMarkdown } from './policy-markdown.tsx';

// Every version of the policy, newest first, with its PDF; any one can be read, and any two compared.

export function PolicyVersions({ org, view }: { org: string; view: TPolicyView }) {
  const id = view.policy.id;
  const newestFirst = [...view.versions].sort((a, b) => b.version - a.version);
  const paged = usePaged(newestFirst, 10);
  const [reading, setReading] = useState<number | null>(null);
  const fromId = useId();
  const toId = useId();
  const latest = newestFirst[0]?.version ?? 0;
  const published = view.published?.version ?? null;
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  // Default comparison: what is in force against the newest text, or the newest against the one before it.
  const fallbackFrom =
    published !== null && published !== latest ? published : (newestFirst[1]?.version ?? latest);
  const from = pair?.from ?? fallbackFrom;
  const to = pair?.to ?? latest;

  if (newestFirst.length === 0)
    return (
      <section className="card policy-card" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <EmptyState title="No versions yet">Saving the text creates version 1.</EmptyState>
      </section>
    );

  return (
    <section className="card stack policy-card" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Saved</th>
              <th scope="col">Approved</th>
              <th scope="col">Published</th>
              <th scope="col">SHA-256</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((v) => (
              <tr key={v.version}>
                <td>v{v.version}</td>
                <td>
                  <Badge status={v.status} />
                </td>
                <td className="nowrap">
                  {day(v.updatedAt)}
                  {v.createdBy && <div className="muted small">{v.createdBy}</div>}
                </td>
                <td className="nowrap">
                  {v.approvedAt ? day(v.approvedAt) : '—'}
                  {v.approvedBy && <div className="muted small">{v.approvedBy}</div>}
                </td>
                <td className="nowrap">{day(v.publishedAt)}</td>
                <td>
                  <code title={v.sha256}>{v.sha256.slice(0, 12)}…</code>
                </td>
                <td className="nowrap">
                  <div className="row row-tight">
                    <button
                      type="button"
                      className="button button-small"
                      aria-pressed={reading === v.version}
                      onClick={() => setReading(reading === v.version ? null : v.version)}
                    >
                      {reading === v.version ? 'Hide' : 'Read'}
                      <span className="visually-hidden"> version {v.version}</span>
                    </button>
                    <a className="button button-small" href={pdfHref(org, id, v.version)} download>
                      PDF<span className="visually-hidden"> of version {v.version}</span>
                    </a>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {paged.pager}
      {reading !== null && (
        <VersionText org={org} id={id} version={reading} onClose={() => setReading(null)} />
      )}

      {newestFirst.length > 1 && (
        <div className="stack">
          <h3>Compare versions</h3>
          <div className="filters">
            <div className="field">
              <label htmlFor={fromId}>From</label>
              <select
                id={fromId}
                value={from}
                onChange={(e) => setPair({ from: Number(e.target.value), to })}
              >
                {newestFirst.map((v) => (
                  <option key={v.version} value={v.version}>
                    Version {v.version} ({v.status})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={toId}>To</label>
              <select id={toId} value={to} onChange={(e) => setPair({ from, to: Number(e.target.value) })}>
                {newestFirst.map((v) => (
                  <option key={v.version} value={v.version}>
                    Version {v.version} ({v.status})
                  </option>
                ))}
              </select>
            </div>
          </div>
          {from === to ? (
            <p className="muted">Pick two different versions to see what changed.</p>
          ) : (
            <PolicyDiff org={org} id={id} from={from} to={to} />
          )}
        </div>
      )}
    </section>
  );
}

function VersionText({
  org,
  id,
  version,
  onClose,
}: {
  org: string;
  id: string;
  version: number;
  onClose: () => void;
}) {
  const query = usePolicyVersion(org, id, version);
  return (
    <div className="version-text stack">
      <div className="row">
        <h3>Version {version}</h3>
        <button type="button" className="button button-small" onClick={onClose}>
          Close
        </button>
      </div>
      <Query query={query} what={`Loading version ${version}`}>
        {(v) => <PolicyMarkdown text={v.bodyMarkdown} label={`Text of version ${version}`} />}
      </Query>
    </div>
  );
}
