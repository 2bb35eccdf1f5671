import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormError } from '../../components/field.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { evidenceFileUrl } from '../evidence/queries.ts';
import { AttachForm } from './attach-form.tsx';
import { FlagForm } from './flag-form.tsx';
import { ImportForm } from './import-form.tsx';
import { STATUS_TONE, type TAuditRequestView, useAuditContext, useAuditRequests } from './queries.ts';
import { RequestForm } from './request-form.tsx';
import { RequestThread } from './request-thread.tsx';

type TPanel =
  | { kind: 'new' }
  | { kind: 'import' }
  | { kind: 'attach'; request: TAuditRequestView }
  | { kind: 'flag'; request: TAuditRequestView }
  | { kind: 'thread'; requestId: string };

const STATUS_LABEL: Record<TAuditRequestView['status'], string> = {
  open: 'Open',
  submitted: 'Submitted',
  resubmitted: 'Resubmitted',
  flagged: 'Flagged',
  accepted: 'Accepted',
};

/**
 * The firm's requests: answered with evidence by the organization, accepted or flagged by the auditor,
 * discussed in comments and walked through in meetings. Each role is offered only what it may do.
 */
export function AuditRequestsTab() {
  const audit = useAuditContext();
  const org = useOrg();
  const requests = useAuditRequests(org.slug, audit.id);
  const [panel, setPanel] = useState<TPanel | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const manage = org.can('audits:manage');
  const review = org.can('audits:review');
  const open = (next: TPanel) => {
    setNotice(null);
    setPanel(next);
  };
  const done = (text: string) => {
    setPanel(null);
    setNotice(text);
  };
  const threadOf =
    panel?.kind === 'thread' ? requests.data?.find((r) => r.id === panel.requestId) : undefined;

  return (
    <div className="stack">
      {panel === null && (review || manage) && (
        <div className="row">
          {review && (
            <button type="button" className="button button-primary" onClick={() => open({ kind: 'new' })}>
              New request
            </button>
          )}
          {manage && (
            <button type="button" className="button" onClick={() => open({ kind: 'import' })}>
              Import request list
            </button>
          )}
        </div>
      )}
      {panel?.kind === 'new' && (
        <RequestForm
          auditId={audit.id}
          onCancel={() => setPanel(null)}
          onDone={(r) => done(`Added ${r.ref}.`)}
        />
      )}
      {panel?.kind === 'import' && (
        <ImportForm
          auditId={audit.id}
          onCancel={() => setPanel(null)}
          onDone={(n) => done(`Imported ${n} request${n === 1 ? '' : 's'}.`)}
        />
      )}
      {panel?.kind === 'attach' && (
        <AttachForm
          key={panel.request.id}
          auditId={audit.id}
          request={panel.request}
          onCancel={() => setPanel(null)}
          onDone={(r) => done(`${r.ref} is ${STATUS_LABEL[r.status].toLowerCase()}.`)}
        />
      )}
      {panel?.kind === 'flag' && (
        <FlagForm
          key={panel.request.id}
          auditId={audit.id}
          request={panel.request}
          onCancel={() => setPanel(null)}
          onDone={(r) => done(`Flagged ${r.ref}.`)}
        />
      )}
      {threadOf && <RequestThread auditId={audit.id} request={threadOf} onClose={() => setPanel(null)} />}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Query query={requests} what="Loading requests">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No requests yet">
              {manage
                ? 'Import the request list the firm sent (CSV), or wait for the auditors to add requests.'
                : 'The request list is empty.'}
            </EmptyState>
          ) : (
            <RequestTable
              auditId={audit.id}
              requests={items}
              onAttach={(request) => open({ kind: 'attach', request })}
              onFlag={(request) => open({ kind: 'flag', request })}
              onThread={(request) => open({ kind: 'thread', requestId: request.id })}
              onAccepted={(request) => done(`Accepted ${request.ref}.`)}
            />
          )
        }
      </Query>
    </div>
  );
}

function RequestTable({
  auditId,
  requests,
  onAttach,
  onFlag,
  onThread,
  onAccepted,
}: {
  auditId: string;
  requests: TAuditRequestView[];
  onAttach: (r: TAuditRequestView) => void;
  onFlag: (r: TAuditRequestView) => void;
  onThread: (r: TAuditRequestView) => void;
  onAccepted: (r: TAuditRequestView) => void;
}) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const accept = useMutation({
    mutationFn: (r: TAuditRequestView) =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/audits/{auditId}/requests/{requestId}/accept', {
          params: { path: { org: org.slug, auditId, requestId: r.id } },
          body: {},
        }),
      ),
    onSuccess: async (r) => {
      await queries.invalidateQueries({ queryKey: ['org', org.slug, 'audits'] });
      onAccepted(r);
    },
    onError: (error) => errors.show(error),
  });
  const reviewable = (r: TAuditRequestView) => r.status === 'submitted' || r.status === 'resubmitted';
  return (
    <div className="stack-tight">
      <FormError error={errors.form ?? errors.fields.status} />
      <div className="table-wrap">
        <table aria-label="Requests">
          <thead>
            <tr>
              <th scope="col">Ref</th>
              <th scope="col">Request</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col">Evidence</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} data-ref={r.ref}>
                <td className="nowrap">{r.ref}</td>
                <td>
                  <strong>{r.title}</strong>
                  {r.description && <div className="muted audits-description">{r.description}</div>}
                  {(r.controlCode || r.criterionId) && (
                    <div className="muted small">
                      {[r.controlCode, r.criterionId].filter(Boolean).join(' · ')}
                    </div>
                  )}
                </td>
                <td className="nowrap">{r.dueDate ?? <span className="muted">—</span>}</td>
                <td>
                  <span className={`badge badge-${STATUS_TONE[r.status]}`}>{STATUS_LABEL[r.status]}</span>
                  {r.flagReason && <div className="audits-flag-reason">{r.flagReason}</div>}
                </td>
                <td>
                  {r.evidence.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <ul className="audits-evidence">
                      {r.evidence.map((e) => (
                        <li key={e.id}>
                          <a href={evidenceFileUrl(org.slug, e.id)}>{e.title}</a>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <div className="row row-tight">
                    {org.can('audits:manage') && r.status !== 'accepted' && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Attach evidence to ${r.ref}`}
                        onClick={() => onAttach(r)}
                      >
                        Attach evidence
                      </button>
                    )}
                    {org.can('audits:review') && reviewable(r) && (
                      <>
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Accept ${r.ref}`}
                          disabled={accept.isPending}
                          onClick={() => {
                            errors.clear();
                            accept.mutate(r);
                          }}
                        >
                          Accept
                        </button>
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Flag ${r.ref}`}
                          onClick={() => onFlag(r)}
                        >
                          Flag
                        </button>
                      </>
                    )}
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      aria-label={`Discussion of ${r.ref}`}
                      onClick={() => onThread(r)}
                    >
                      Discussion ({r.comments.length + r.walkthroughs.length})
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
