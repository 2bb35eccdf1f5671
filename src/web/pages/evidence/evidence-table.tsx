import { Link } from 'react-router';
import { Badge } from '../../components/badge.tsx';
import { usePaged } from '../../components/pager.tsx';
import { useOrg } from '../../org.ts';
import { formatBytes, formatDateTime, formatDay } from '../controls/format.ts';
import { evidenceFileUrl, type TEvidence } from './queries.ts';
import { Sha } from './sha.tsx';

/** The evidence list, paged: each row opens the item's detail and downloads its file. */
export function EvidenceTable({
  items,
  detailLink,
}: {
  items: TEvidence[];
  detailLink: (id: string) => string;
}) {
  const org = useOrg();
  const { items: shown, pager } = usePaged(items, 25);
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">File</th>
              <th scope="col">Controls</th>
              <th scope="col">Valid</th>
              <th scope="col">Expiry</th>
              <th scope="col">SHA-256</th>
              <th scope="col">Size</th>
              <th scope="col">Collected</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={detailLink(e.id)}>{e.title}</Link>
                </td>
                <td>
                  <a href={evidenceFileUrl(org.slug, e.id)} download={e.fileName}>
                    {e.fileName}
                  </a>
                </td>
                <td>
                  <ul className="inline-list">
                    {e.controlCodes.map((code) => (
                      <li key={code}>
                        <Link to={`/o/${org.slug}/controls/${encodeURIComponent(code)}`}>{code}</Link>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="nowrap">
                  {formatDay(e.validFrom)} – {e.validUntil ? formatDay(e.validUntil) : 'no end'}
                </td>
                <td>
                  <Badge status={e.expiry} />
                </td>
                <td className="nowrap">
                  <Sha value={e.sha256} />
                </td>
                <td className="nowrap num">{formatBytes(e.sizeBytes)}</td>
                <td className="nowrap">{formatDateTime(e.collectedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
