import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { canGrant, type TMemberRole } from '../../../domain/permissions.ts';
import { api, unwrap } from '../../api/client.ts';
import { useMembers } from '../../api/members.ts';
import type { paths } from '../../api/openapi.d.ts';
import { Badge, label } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { CopyableValue } from './copy-button.tsx';
import { RoleField } from './role-field.tsx';
import { formatDate, grantableRoles, settingsKeys } from './settings-api.ts';

type TMember =
  paths['/api/v1/orgs/{org}/members']['get']['responses']['200']['content']['application/json']['items'][number];
type TInvitation =
  paths['/api/v1/orgs/{org}/invitations']['get']['responses']['200']['content']['application/json']['items'][number];
type TCreated =
  paths['/api/v1/orgs/{org}/invitations']['post']['responses']['201']['content']['application/json'];

/** Members and their roles; for owners and admins also role changes, removal and invitations. */
export function MembersSettings() {
  const org = useOrg();
  const members = useMembers(org.slug);
  return (
    <div className="stack settings-panel">
      <section aria-labelledby="members-title" className="stack">
        <h2 id="members-title">Members</h2>
        <Query query={members} what="Loading members">
          {(data) => <MemberTable members={data.items} />}
        </Query>
      </section>
      {org.can('members:manage') && <Invitations />}
    </div>
  );
}

function MemberTable({ members }: { members: TMember[] }) {
  const org = useOrg();
  const paged = usePaged(members, 25);
  const manage = org.can('members:manage');
  const owners = members.filter((m) => m.role === 'owner').length;
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              {manage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {paged.items.map((m) => (
              <MemberRow
                key={m.userId}
                member={m}
                manage={manage}
                lastOwner={m.role === 'owner' && owners <= 1}
              />
            ))}
          </tbody>
        </table>
      </div>
      {paged.pager}
      {manage && (
        <p className="small muted">
          You can give roles up to your own ({org.role}). An organization always keeps at least one owner.
        </p>
      )}
    </>
  );
}

function MemberRow({ member, manage, lastOwner }: { member: TMember; manage: boolean; lastOwner: boolean }) {
  const org = useOrg();
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const you = member.email === org.session.user.email;
  // Nobody changes someone who outranks them; the server refuses it too.
  const mayChange = manage && canGrant(org.role, member.role);
  const path = { org: org.slug, id: member.userId };

  const done = async () => {
    setError(null);
    await queries.invalidateQueries({ queryKey: settingsKeys.members(org.slug) });
    // Your own role or membership changed: the session says what you may now see.
    if (you) await queries.invalidateQueries({ queryKey: ['session'] });
  };
  const changeRole = useMutation({
    mutationFn: (role: TMemberRole) =>
      unwrap(api.PATCH('/api/v1/orgs/{org}/members/{id}', { params: { path }, body: { role } })),
    onSuccess: done,
    onError: (e) => setError(e.message),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/orgs/{org}/members/{id}', { params: { path } })),
    onSuccess: done,
    onError: (e) => {
      setConfirming(false);
      setError(e.message);
    },
  });

  return (
    <tr>
      <td>
        {member.email} {you && <span className="muted">(you)</span>}
      </td>
      <td>
        {mayChange ? (
          <select
            className="input member-role"
            aria-label={`Role of ${member.email}`}
            value={member.role}
            disabled={changeRole.isPending || lastOwner}
            title={lastOwner ? 'The last owner stays owner: make someone else owner first' : undefined}
            onChange={(e) => changeRole.mutate(e.target.value as TMemberRole)}
          >
            {grantableRoles(org.role).map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        ) : (
          <Badge status="neutral">{label(member.role)}</Badge>
        )}
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
      </td>
      {manage && (
        <td>
          {!mayChange || lastOwner ? (
            <span className="small muted">{lastOwner ? 'Last owner' : `Above your role`}</span>
          ) : confirming ? (
            <div className="row row-tight">
              <button
                type="button"
                className="button button-small button-danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {remove.isPending ? 'Removing…' : `Remove ${you ? 'yourself' : 'them'}`}
              </button>
              <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="button button-small button-danger"
              aria-label={`Remove ${member.email}`}
              onClick={() => setConfirming(true)}
            >
              Remove
            </button>
          )}
        </td>
      )}
    </tr>
  );
}

function invitationStatus(i: TInvitation, now: number): string {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  if (new Date(i.expiresAt).getTime() <= now) return 'expired';
  return 'open';
}

const STATUS_TONE: Record<string, string> = {
  accepted: 'done',
  revoked: 'excluded',
  expired: 'expired',
  open: 'in_progress',
};

function Invitations() {
  const org = useOrg();
  const invitations = useQuery({
    queryKey: settingsKeys.invitations(org.slug),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{org}/invitations', { params: { path: { org: org.slug } } })),
  });
  const [created, setCreated] = useState<TCreated | null>(null);
  return (
    <section aria-labelledby="invitations-title" className="stack">
      <h2 id="invitations-title">Invitations</h2>
      <InviteForm onCreated={setCreated} />
      {created && (
        <div className="card stack secret-once" role="status">
          <strong>
            {created.email} is invited as {created.role}.
          </strong>
          {created.link === null ? (
            <p className="small">
              An email with the link was sent to them. It works once, for that address only, until{' '}
              {formatDate(created.expiresAt)}.
            </p>
          ) : (
            <>
              <p className="small">
                No mail server is set up, so send them this link yourself: it works once, for that address
                only, until {formatDate(created.expiresAt)}. It is not shown again.
              </p>
              <CopyableValue value={created.link} label="Invitation link" />
            </>
          )}
          <div>
            <button type="button" className="button button-small" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      <Query query={invitations} what="Loading invitations">
        {(data) => <InvitationTable invitations={data.items} />}
      </Query>
    </section>
  );
}

function InviteForm({ onCreated }: { onCreated: (invitation: TCreated) => void }) {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [form, setForm] = useState({ email: '', role: 'employee' as TMemberRole, expiresInDays: '7' });
  const invite = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/orgs/{org}/invitations', {
          params: { path: { org: org.slug } },
          body: { email: form.email, role: form.role, expiresInDays: Number(form.expiresInDays) },
        }),
      ),
    onSuccess: async (invitation) => {
      errors.clear();
      onCreated(invitation);
      setForm({ ...form, email: '' });
      await queries.invalidateQueries({ queryKey: settingsKeys.invitations(org.slug) });
    },
    onError: (e) => errors.show(e),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    invite.mutate();
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-label="Invite someone">
      <div className="form-grid">
        <Field label="Email" error={errors.fields.email}>
          {(p) => (
            <input
              {...p}
              type="email"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
              required
              maxLength={254}
              autoComplete="off"
            />
          )}
        </Field>
        <RoleField
          value={form.role}
          onChange={(role) => setForm({ ...form, role })}
          error={errors.fields.role}
        />
        <Field label="Link valid for (days)" hint="1 to 30 days." error={errors.fields.expiresInDays}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={30}
              step={1}
              value={form.expiresInDays}
              onChange={(e) => setForm({ ...form, expiresInDays: e.target.value })}
            />
          )}
        </Field>
      </div>
      <FormError error={errors.form} />
      <div>
        <button type="submit" className="button button-primary" disabled={invite.isPending}>
          {invite.isPending ? 'Inviting…' : 'Invite'}
        </button>
      </div>
    </form>
  );
}

function InvitationTable({ invitations }: { invitations: TInvitation[] }) {
  const now = Date.now();
  const paged = usePaged(invitations, 20);
  if (invitations.length === 0)
    return (
      <EmptyState title="No invitations yet">
        Invite a colleague above: they get a link to join with the role you pick.
      </EmptyState>
    );
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Invited by</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((i) => (
              <InvitationRow key={i.id} invitation={i} status={invitationStatus(i, now)} />
            ))}
          </tbody>
        </table>
      </div>
      {paged.pager}
    </>
  );
}

function InvitationRow({ invitation, status }: { invitation: TInvitation; status: string }) {
  const org = useOrg();
  const queries = useQueryClient();
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/orgs/{org}/invitations/{id}', {
          params: { path: { org: org.slug, id: invitation.id } },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: settingsKeys.invitations(org.slug) }),
  });
  return (
    <tr>
      <td>{invitation.email}</td>
      <td>{label(invitation.role)}</td>
      <td>
        <Badge status={STATUS_TONE[status] ?? 'draft'}>{label(status)}</Badge>
      </td>
      <td>{invitation.invitedBy}</td>
      <td className="nowrap">{formatDate(invitation.expiresAt)}</td>
      <td>
        {status === 'open' ? (
          <button
            type="button"
            className="button button-small button-danger"
            aria-label={`Revoke the invitation of ${invitation.email}`}
            disabled={revoke.isPending}
            onClick={() => revoke.mutate()}
          >
            {revoke.isPending ? 'Revoking…' : 'Revoke'}
          </button>
        ) : (
          <span className="muted">—</span>
        )}
        {revoke.error && (
          <div className="field-error" role="alert">
            {revoke.error.message}
          </div>
        )}
      </td>
    </tr>
  );
}
