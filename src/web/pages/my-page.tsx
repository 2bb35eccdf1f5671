import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toIsoDate } from '../../domain/dates.ts';
import { api, unwrap } from '../api/client.ts';
import { Badge } from '../components/badge.tsx';
import { FormError } from '../components/field.tsx';
import { Page } from '../components/page.tsx';
import { usePaged } from '../components/pager.tsx';
import { EmptyState, Query } from '../components/states.tsx';
import { useOrg } from '../org.ts';
import { MyOnboarding } from './people/my-onboarding.tsx';
import { useMyOnboarding } from './people/queries.ts';
import { day, policyKeys, type TMyPage, usePolicyVersion } from './policies/policy-api.ts';
import { PolicyMarkdown } from './policies/policy-markdown.tsx';

type TToAccept = TMyPage['policiesToAccept'][number];
type TTask = TMyPage['tasks'][number];

/** Where employees land: the published policies they have to accept, and the tasks assigned to them. */
export function MyPage() {
  const org = useOrg();
  const me = useQuery({
    queryKey: policyKeys.me(org.slug),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/me', { params: { path: { org: org.slug } } })),
  });
  const [accepted, setAccepted] = useState<string[]>([]);
  const onboarding = useMyOnboarding(org.slug);
  const onboardingOpen = (onboarding.data?.person?.checklist ?? []).some(
    (i) => i.state === 'overdue' || i.state === 'pending',
  );

  return (
    <Page title="My page" subtitle={`What ${org.name} needs from you, ${org.session.user.email}.`}>
      <Query query={me} what="Loading your page">
        {(data) => {
          const open = data.tasks.filter((t) => t.status !== 'done');
          const nothingDue = data.policiesToAccept.length === 0 && open.length === 0 && !onboardingOpen;
          return (
            <div className="stack">
              {accepted.length > 0 && (
                <p className="notice" role="status">
                  Thank you: you accepted {accepted.join(', ')}.
                </p>
              )}
              {nothingDue && (
                <EmptyState title="You are all caught up">
                  No policy is waiting for your acceptance and no task is open for you. When a policy is
                  published or a task is assigned to you, it appears here.
                </EmptyState>
              )}
              {data.policiesToAccept.length > 0 && (
                <section className="stack" aria-labelledby="to-accept-title">
                  <h2 id="to-accept-title">Policies to read and accept ({data.policiesToAccept.length})</h2>
                  <ul className="plain-list stack">
                    {data.policiesToAccept.map((p) => (
                      <li key={p.policyId}>
                        <PolicyToAccept
                          policy={p}
                          onAccepted={(title, version) =>
                            setAccepted((done) => [...done, `${title} (version ${version})`])
                          }
                        />
                      </li>
                    ))}
                  </ul>
                </section>
              )}
              <MyOnboarding />
              <MyTasks tasks={data.tasks} />
            </div>
          );
        }}
      </Query>
    </Page>
  );
}

function PolicyToAccept({
  policy,
  onAccepted,
}: {
  policy: TToAccept;
  onAccepted: (title: string, version: number) => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const text = usePolicyVersion(org.slug, policy.policyId, policy.version, open);
  const accept = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/policies/{id}/accept', {
          params: { path: { org: org.slug, id: policy.policyId } },
          // The version shown here: if another was published meanwhile, the server refuses instead.
          body: { version: policy.version },
        }),
      ),
    onSuccess: async (result) => {
      onAccepted(policy.title, result.version);
      await queries.invalidateQueries({ queryKey: ['org', org.slug] });
    },
    // A newer version was published: reload, so the page shows the version to read now.
    onError: () => queries.invalidateQueries({ queryKey: policyKeys.me(org.slug) }),
  });
  const titleId = `policy-${policy.policyId}`;

  return (
    <article className="card stack to-accept" aria-labelledby={titleId}>
      <div className="row to-accept-head">
        <h3 id={titleId}>{policy.title}</h3>
        <span className="muted small">
          Version {policy.version}, published {day(policy.publishedAt)}
        </span>
      </div>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Read version {policy.version} in full</summary>
        {open && (
          <div className="to-accept-text">
            <Query query={text} what="Loading the policy">
              {(v) => (
                <PolicyMarkdown text={v.bodyMarkdown} label={`${policy.title}, version ${v.version}`} />
              )}
            </Query>
          </div>
        )}
      </details>
      <div className="row">
        <button
          type="button"
          className="button button-primary"
          disabled={accept.isPending}
          onClick={() => accept.mutate()}
        >
          {accept.isPending ? 'Recording…' : `I have read and accept version ${policy.version}`}
        </button>
      </div>
      <FormError error={accept.error ? accept.error.message : null} />
    </article>
  );
}

function MyTasks({ tasks }: { tasks: TTask[] }) {
  const today = toIsoDate(new Date());
  // Open tasks first, soonest due first; tasks without a due date after those with one.
  const sorted = [...tasks].sort(
    (a, b) =>
      Number(a.status === 'done') - Number(b.status === 'done') ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
      a.title.localeCompare(b.title),
  );
  const paged = usePaged(sorted, 10);
  if (tasks.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="my-tasks-title">
      <h2 id="my-tasks-title">My tasks ({tasks.filter((t) => t.status !== 'done').length} open)</h2>
      <div className="table-wrap">
        <table className="my-tasks">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Status</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((t) => {
              const overdue = t.status !== 'done' && t.dueDate !== null && t.dueDate < today;
              return (
                <tr key={t.id}>
                  <td>
                    <strong>{t.title}</strong>
                    {t.description && <div className="muted small task-description">{t.description}</div>}
                  </td>
                  <td>
                    <Badge status={t.status} />
                  </td>
                  <td className="nowrap">
                    {t.dueDate ?? <span className="muted">No due date</span>}
                    {overdue && (
                      <div>
                        <Badge status="overdue" />
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {paged.pager}
    </section>
  );
}
