import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { formatDateTime, type TDownload, trustKeys } from './trust-api.ts';

/** Who downloaded which gated document, when, from where, and the watermark stamped on their copy. */
export function DownloadLog() {
  const org = useOrg();
  const downloads = useQuery({
    queryKey: trustKeys.downloads(org.slug),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/trust-center/downloads', {
          params: { path: { org: org.slug }, query: { limit: 500 } },
        }),
      ),
  });
  return (
    <section className="stack" aria-labelledby="trust-downloads-title">
      <h2 id="trust-downloads-title">Download log</h2>
      <p className="hint">The latest 500 downloads of gated documents, newest first.</p>
      <Query query={downloads} what="Loading the download log">
        {(data) => <DownloadTable downloads={data.items} />}
      </Query>
    </section>
  );
}

function DownloadTable({ downloads }: { downloads: TDownload[] }) {
  const { items, pager } = usePaged(downloads);
  if (downloads.length === 0)
    return (
      <EmptyState title="No downloads yet">
        Downloads appear here once an approved requester opens a gated document.
      </EmptyState>
    );
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Document</th>
              <th scope="col">Requester</th>
              <th scope="col">From</th>
              <th scope="col">Watermark</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td className="nowrap">{formatDateTime(d.downloadedAt)}</td>
                <td>{d.documentTitle ?? <span className="muted">(removed)</span>}</td>
                <td>
                  {d.email ?? '—'}
                  {d.company && <div className="muted small">{d.company}</div>}
                </td>
                <td className="small">{d.sourceAddress ?? '—'}</td>
                <td className="small">{d.watermark}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
