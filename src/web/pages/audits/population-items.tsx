import { POPULATION_KIND_LABELS } from '../../../domain/audit/populations.ts';
import { usePaged } from '../../components/pager.tsx';
import { Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { type TPopulationKind, type TSample, usePopulationItems } from './testing-queries.ts';

// The items of a population (or of a sample): id, when it occurred, its title and where it came from.

export const SOURCE_LABEL = {
  integration: 'Integration',
  import: 'Imported file',
  register: 'Register',
} as const;
export const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** One population's items in the audit's period, in a panel. */
export function PopulationItems({
  auditId,
  kind,
  onClose,
}: {
  auditId: string;
  kind: TPopulationKind;
  onClose: () => void;
}) {
  const org = useOrg();
  const items = usePopulationItems(org.slug, auditId, kind);
  return (
    <section className="card stack panel" aria-labelledby="population-items">
      <div className="row">
        <h2 id="population-items" className="card-title">
          {POPULATION_KIND_LABELS[kind]}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <Query query={items} what="Loading items">
        {(all) => <ItemTable items={all} />}
      </Query>
    </section>
  );
}

/** Population items, 25 to a page. */
export function ItemTable({ items }: { items: TSample['items'] }) {
  const { items: page, pager } = usePaged(items, 25);
  return (
    <>
      <div className="table-wrap">
        <table aria-label="Population items">
          <thead>
            <tr>
              <th>Id</th>
              <th>Occurred</th>
              <th>Title</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody>
            {page.map((i) => (
              <tr key={i.externalId}>
                <td className="mono">{i.externalId}</td>
                <td>{when(i.occurredAt)}</td>
                <td>{i.title}</td>
                <td>
                  {SOURCE_LABEL[i.source.kind]} {i.source.ref}, {when(i.source.collectedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
