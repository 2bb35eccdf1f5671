import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { label } from '../../components/badge.tsx';
import { FormError } from '../../components/field.tsx';
import { Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { type TRisk, useRiskLibrary } from './queries.ts';

/** The starter library: adopt an entry into the register, with its suggested controls, then rate it for us. */
export function LibraryPanel({
  adopted,
  onAdopted,
  onClose,
}: {
  adopted: ReadonlySet<string>;
  onAdopted: (risk: TRisk) => void;
  onClose: () => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const library = useRiskLibrary(true);
  const adopt = useMutation({
    mutationFn: (libraryId: string) =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/risks', { params: { path: { org: org.slug } }, body: { libraryId } }),
      ),
    onSuccess: async (risk) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
      onAdopted(risk);
    },
  });
  return (
    <section className="card stack panel" aria-labelledby="risk-library">
      <div className="row">
        <h2 id="risk-library">Starter library</h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">
        Common SaaS risks with suggested controls. Adopt one, then rate it for your company.
      </p>
      <FormError error={adopt.error ? adopt.error.message : null} />
      <Query query={library} what="Loading the library">
        {(items) => (
          <div className="table-wrap risk-table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Risk</th>
                  <th scope="col">Category</th>
                  <th scope="col">Criteria</th>
                  <th scope="col">Suggested controls</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <strong>{entry.title}</strong>
                      <div className="muted">{entry.description}</div>
                    </td>
                    <td>{label(entry.category)}</td>
                    <td>{entry.criteria.join(', ')}</td>
                    <td>{entry.suggestedControls.join(', ')}</td>
                    <td>
                      {adopted.has(entry.id) ? (
                        <span className="muted">In register</span>
                      ) : (
                        <button
                          type="button"
                          className="button"
                          disabled={adopt.isPending}
                          aria-label={`Adopt ${entry.title}`}
                          onClick={() => adopt.mutate(entry.id)}
                        >
                          Adopt
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Query>
    </section>
  );
}
