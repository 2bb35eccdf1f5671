import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { mayApprovePolicy, mayOwnPolicy } from '../../../domain/policy-lifecycle.ts';
import { api, unwrap } from '../../api/client.ts';
import { useMembers } from '../../api/members.ts';
import { Badge } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { day, policyKeys, type TPolicyVersionMeta, type TPolicyView } from './policy-api.ts';

// Where the latest version stands and the one next step: the owner approves a draft, then it is published.

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function PolicyWorkflow({ view, dirty }: { view: TPolicyView; dirty: boolean }) {
  const org = useOrg();
  const queries = useQueryClient();
  const { policy } = view;
  const latest = view.versions.reduce<TPolicyVersionMeta | null>(
    (max, v) => (!max || v.version > max.version ? v : max),
    null,
  );
  // A notice belongs to the state it reports: it disappears once the latest version moves on.
  const [notice, setNoticeFor] = useState<{ text: string; state: string } | null>(null);
  const stateOf = (version: number, status: string) => `${version}:${status}`;
  const setNotice = (text: string | null, version = 0, status = '') =>
    setNoticeFor(text === null ? null : { text, state: stateOf(version, status) });
  const path = (version: number) => ({ path: { org: org.slug, id: policy.id, version } });
  const refresh = () => queries.invalidateQueries({ queryKey: policyKeys.all(org.slug) });

  const approve = useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/policies/{id}/versions/{version}/approve', { params: path(version) }),
      ),
    onSuccess: async (v) => {
      setNotice(`Version ${v.version} approved. It can be published now.`, v.version, 'approved');
      await refresh();
    },
    // Refused (say the owner changed meanwhile): show why, and reload who may approve now.
    onError: async () => {
      setNotice(null);
      await refresh();
    },
  });
  const publish = useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/policies/{id}/versions/{version}/publish', { params: path(version) }),
      ),
    onSuccess: async (result) => {
      setNotice(
        `Version ${result.published.version} published${result.superseded !== null ? `; it replaces version ${result.superseded}` : ''}. Everyone who must accept it sees it on their page.`,
        result.published.version,
        'published',
      );
      await refresh();
    },
    onError: async () => {
      setNotice(null);
      await refresh();
    },
  });

  const approver = policy.ownerEmail ?? 'an owner or admin of the organization';
  const mayApprove =
    org.can('policies:approve') && mayApprovePolicy(policy, { userId: org.session.user.id, role: org.role });

  return (
    <section className="card stack policy-card" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Approval and publication</h2>
      {!latest ? (
        <p className="muted">No text yet. Write the policy and save a draft first.</p>
      ) : (
        <>
          <p className="row">
            <span>Version {latest.version}</span>
            <Badge status={latest.status} />
            {latest.status === 'draft' && <span>Waiting for approval by {approver}.</span>}
            {latest.status === 'approved' && (
              <span>
                Approved by {latest.approvedBy ?? 'someone no longer here'} on {day(latest.approvedAt)}; not
                published yet.
              </span>
            )}
            {latest.status === 'published' && (
              <span>In force since {day(latest.publishedAt)}. Edit the text to start the next version.</span>
            )}
          </p>
          {dirty && latest.status === 'draft' && mayApprove && (
            <p className="hint">You have unsaved changes: approval applies to the saved draft. Save first.</p>
          )}
          <div className="row">
            {latest.status === 'draft' && mayApprove && (
              <button
                type="button"
                className="button button-primary"
                disabled={approve.isPending || dirty}
                onClick={() => approve.mutate(latest.version)}
              >
                {approve.isPending ? 'Approving…' : `Approve version ${latest.version}`}
              </button>
            )}
            {latest.status === 'approved' && org.can('policies:approve') && (
              <button
                type="button"
                className="button button-primary"
                disabled={publish.isPending}
                onClick={() => publish.mutate(latest.version)}
              >
                {publish.isPending ? 'Publishing…' : `Publish version ${latest.version}`}
              </button>
            )}
          </div>
          <FormError error={approve.error ? errorText(approve.error) : null} />
          <FormError error={publish.error ? errorText(publish.error) : null} />
          {notice && notice.state === stateOf(latest.version, latest.status) && (
            <p className="notice" role="status">
              {notice.text}
            </p>
          )}
        </>
      )}
      <PolicyOwner view={view} />
    </section>
  );
}

/** The member who owns the policy, and so approves it; a select for those who may change it. */
function PolicyOwner({ view }: { view: TPolicyView }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const editable = org.can('policies:write') && org.can('members:read');
  const members = useMembers(org.slug, editable);
  const [saved, setSaved] = useState<string | null>(null);
  const { policy } = view;

  const change = useMutation({
    mutationFn: (ownerUserId: string | null) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{org}/policies/{id}', {
          params: { path: { org: org.slug, id: policy.id } },
          body: { ownerUserId },
        }),
      ),
    onSuccess: async (p) => {
      setSaved(p.ownerEmail ? `${p.ownerEmail} now owns this policy.` : 'The policy has no owner now.');
      await queries.invalidateQueries({ queryKey: policyKeys.all(org.slug) });
    },
    onError: (error) => {
      setSaved(null);
      errors.show(error);
    },
  });

  const fallback = `the ${policy.ownerRole.replace(/_/g, ' ')} role; an owner or admin approves until a person is named`;
  if (!editable)
    return (
      <p>
        <strong>Owner:</strong>{' '}
        {policy.ownerEmail ?? <span className="muted">nobody named ({fallback})</span>}
      </p>
    );

  const candidates = (members.data?.items ?? [])
    .filter((m) => mayOwnPolicy(m.role))
    .sort((a, b) => a.email.localeCompare(b.email));
  const stillMember = policy.ownerUserId === null || candidates.some((m) => m.userId === policy.ownerUserId);
  return (
    <div className="stack policy-owner">
      <Field
        label="Owner (approves new versions)"
        hint={members.error ? `The member list did not load: ${errorText(members.error)}` : undefined}
        error={errors.fields.ownerUserId ?? errors.form ?? undefined}
      >
        {(p) => (
          <select
            {...p}
            value={policy.ownerUserId ?? ''}
            disabled={change.isPending || members.isPending}
            onChange={(e) => {
              errors.clear();
              setSaved(null);
              change.mutate(e.target.value === '' ? null : e.target.value);
            }}
          >
            <option value="">Nobody named ({policy.ownerRole.replace(/_/g, ' ')} role)</option>
            {!stillMember && policy.ownerUserId && (
              <option value={policy.ownerUserId}>{policy.ownerEmail ?? 'former member'}</option>
            )}
            {candidates.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.email} ({m.role})
              </option>
            ))}
          </select>
        )}
      </Field>
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
    </div>
  );
}
