import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { Badge } from '../../components/badge.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { percent, type TGap } from './types.ts';

/** The gaps, weakest first as the server orders them, each with its next action and a way to make it a task. */
export function GapsList({ gaps }: { gaps: TGap[] }) {
  const org = useOrg();
  const { items, pager } = usePaged(gaps, 10);
  if (gaps.length === 0)
    return (
      <EmptyState title="No gaps">
        Every in-scope criterion is ready. Keep the evidence current: it is listed below when it is about to
        expire.
      </EmptyState>
    );
  return (
    <>
      <ul className="gap-list">
        {items.map((gap) => (
          <li key={gap.criterionId} className="gap-item">
            <div className="row">
              <Link to={`/o/${org.slug}/criteria/${gap.criterionId}`}>
                <strong>{gap.criterionId}</strong>
              </Link>
              <Badge status={gap.status} />
              <span className="muted">{percent(gap.score)}</span>
              {gap.controlCode && (
                <Link to={`/o/${org.slug}/controls/${gap.controlCode}`} className="mono">
                  {gap.controlCode}
                </Link>
              )}
            </div>
            <p className="gap-action">{gap.nextAction}</p>
            {org.can('tasks:write') && <CreateTask criterionId={gap.criterionId} />}
          </li>
        ))}
      </ul>
      {pager}
    </>
  );
}

function CreateTask({ criterionId }: { criterionId: string }) {
  const org = useOrg();
  const queries = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/tasks/from-gap', {
          params: { path: { org: org.slug } },
          body: { criterionId },
        }),
      ),
    onSuccess: async (task) => {
      setCreated(task.title);
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'tasks'] });
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'dashboard'] });
    },
  });
  if (created)
    return (
      <p className="muted" role="status">
        Task created: “{created}”. <Link to={`/o/${org.slug}/tasks`}>Open the tasks</Link>
      </p>
    );
  return (
    <div className="row">
      <button
        type="button"
        className="button"
        disabled={create.isPending}
        onClick={() => create.mutate()}
        aria-label={`Create a task for ${criterionId}`}
      >
        {create.isPending ? 'Creating…' : 'Create task'}
      </button>
      {create.error && (
        <span className="field-error" role="alert">
          {create.error.message}
        </span>
      )}
    </div>
  );
}
