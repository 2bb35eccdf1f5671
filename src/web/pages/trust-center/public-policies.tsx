import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormError } from '../../components/field.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { type TTrustPolicy, trustKeys } from './trust-api.ts';

/** Which policies anyone may download from the trust center (their published versions, as PDFs). */
export function PublicPolicies() {
  const org = useOrg();
  const policies = useQuery({
    queryKey: trustKeys.policies(org.slug),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org}/trust-center/policies', { params: { path: { org: org.slug } } })),
  });
  return (
    <section className="stack" aria-labelledby="trust-policies-title">
      <h2 id="trust-policies-title">Public policies</h2>
      <Query query={policies} what="Loading the policies">
        {(data) => (
          <PolicyChoice key={data.items.map((p) => `${p.policyId}:${p.public}`).join()} items={data.items} />
        )}
      </Query>
    </section>
  );
}

function PolicyChoice({ items }: { items: TTrustPolicy[] }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [chosen, setChosen] = useState(() => new Set(items.filter((p) => p.public).map((p) => p.policyId)));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/trust-center/policies', {
          params: { path: { org: org.slug } },
          body: { policyIds: [...chosen] },
        }),
      ),
    onSuccess: (data) => {
      errors.clear();
      setSaved(true);
      queries.setQueryData(trustKeys.policies(org.slug), data);
    },
    onError: (e) => errors.show(e),
  });
  const published = items.filter((p) => p.publishedVersion !== null);
  if (published.length === 0)
    return (
      <EmptyState title="No published policy yet">
        Approve and publish a policy under <a href={`/o/${org.slug}/policies`}>Policies</a>, then choose it
        here.
      </EmptyState>
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setSaved(false);
    save.mutate();
  }

  return (
    <form className="card stack" onSubmit={submit} aria-label="Public policies">
      <p className="hint">Only published versions are offered; drafts never leave Attestly.</p>
      <div className="trust-policy-list">
        {published.map((p) => (
          <label key={p.policyId} className="choice">
            <input
              type="checkbox"
              checked={chosen.has(p.policyId)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(p.policyId);
                else next.delete(p.policyId);
                setSaved(false);
                setChosen(next);
              }}
            />
            <span>
              {p.title} <span className="muted">version {p.publishedVersion}</span>
            </span>
          </label>
        ))}
      </div>
      <FormError error={errors.form ?? errors.fields.policyIds} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save public policies'}
        </button>
        {saved && (
          <p className="notice" role="status">
            Saved.
          </p>
        )}
      </div>
    </form>
  );
}
