import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/openapi.d.ts';
import { Badge } from '../../components/badge.tsx';
import { Field, FormError } from '../../components/field.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useOrg } from '../../org.ts';
import { formatDateTime } from './settings-api.ts';

type TPreferences =
  paths['/api/v1/orgs/{org}/notifications/preferences']['get']['responses']['200']['content']['application/json'];
type TFrequency = TPreferences['frequency'];
type TKind = TPreferences['kinds'][number]['kind'];

const FREQUENCIES: { value: TFrequency; label: string }[] = [
  { value: 'hourly', label: 'At most hourly' },
  { value: 'daily', label: 'Daily digest' },
  { value: 'weekly', label: 'Weekly digest' },
];

const keys = {
  preferences: (slug: string) => ['org', slug, 'notifications', 'preferences'] as const,
  slack: (slug: string) => ['org', slug, 'notifications', 'slack'] as const,
};

/** Your own notification choices, and (for owners and admins) the organization's Slack channel. */
export function NotificationsSettings() {
  const org = useOrg();
  return (
    <div className="stack settings-panel">
      <PreferencesForm />
      {org.can('org:manage') ? <SlackChannel /> : null}
    </div>
  );
}

function PreferencesForm() {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const query = useQuery({
    queryKey: keys.preferences(org.slug),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/orgs/{org}/notifications/preferences', { params: { path: { org: org.slug } } }),
      ),
  });
  const [draft, setDraft] = useState<TPreferences | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (query.data) setDraft(query.data);
  }, [query.data]);
  const save = useMutation({
    mutationFn: (prefs: TPreferences) =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/notifications/preferences', {
          params: { path: { org: org.slug } },
          body: {
            frequency: prefs.frequency,
            kinds: Object.fromEntries(
              prefs.kinds.filter((k) => k.allowed).map((k) => [k.kind, { email: k.email, slack: k.slack }]),
            ),
          },
        }),
      ),
    onSuccess: (data) => {
      errors.clear();
      setSaved(true);
      queries.setQueryData(keys.preferences(org.slug), data);
    },
    onError: (e) => {
      setSaved(false);
      errors.show(e);
    },
  });

  if (query.isPending || !draft) return <Loading what="Loading your notification settings" />;
  if (query.error) return <ErrorState error={query.error} retry={() => void query.refetch()} />;

  const toggle = (kind: TKind, channel: 'email' | 'slack', value: boolean) =>
    setDraft({ ...draft, kinds: draft.kinds.map((k) => (k.kind === kind ? { ...k, [channel]: value } : k)) });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaved(false);
    save.mutate(draft);
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="notify-title" noValidate>
      <h2 id="notify-title" className="card-title">
        Your notifications
      </h2>
      <p className="small muted">
        Notices are gathered into one digest rather than sent one by one. Slack goes to the organization's
        channel when an owner or admin has connected one.
      </p>
      <Field label="How often" error={errors.fields.frequency}>
        {(p) => (
          <select
            {...p}
            value={draft.frequency}
            onChange={(e) => setDraft({ ...draft, frequency: e.target.value as TFrequency })}
          >
            {FREQUENCIES.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="table-wrap">
        <table className="notify-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Email</th>
              <th scope="col">Slack</th>
            </tr>
          </thead>
          <tbody>
            {draft.kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row">
                  {k.label}
                  {k.allowed ? null : <span className="small muted"> (not for your role)</span>}
                </th>
                {(['email', 'slack'] as const).map((channel) => (
                  <td key={channel}>
                    <input
                      type="checkbox"
                      aria-label={`${k.label}: ${channel}`}
                      checked={k[channel]}
                      disabled={!k.allowed}
                      onChange={(e) => toggle(k.kind, channel, e.target.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save notification settings'}
        </button>
        {saved ? (
          <span className="small" role="status">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}

function SlackChannel() {
  const org = useOrg();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const slack = useQuery({
    queryKey: keys.slack(org.slug),
    queryFn: () =>
      unwrap(api.GET('/api/v1/orgs/{org}/notifications/slack', { params: { path: { org: org.slug } } })),
  });
  const [webhookUrl, setWebhookUrl] = useState('');
  const [frequency, setFrequency] = useState<TFrequency | null>(null);
  const [sweep, setSweep] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: { webhookUrl?: string | null; frequency: TFrequency }) =>
      unwrap(
        api.PUT('/api/v1/orgs/{org}/notifications/slack', { params: { path: { org: org.slug } }, body }),
      ),
    onSuccess: (data) => {
      errors.clear();
      setWebhookUrl('');
      queries.setQueryData(keys.slack(org.slug), data);
    },
    onError: (e) => errors.show(e),
  });
  const send = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/orgs/{org}/notifications/sweeps', { params: { path: { org: org.slug } } })),
    onSuccess: (r) =>
      setSweep(
        `Queued ${r.queued} notices; sent ${r.emails} email and ${r.slackPosts} Slack digests.${
          r.problems.length ? ` Not delivered: ${r.problems.join('; ')}` : ''
        }`,
      ),
    onError: (e) => errors.show(e),
  });

  if (slack.isPending) return <Loading what="Loading the Slack channel" />;
  if (slack.error) return <ErrorState error={slack.error} retry={() => void slack.refetch()} />;
  const chosen = frequency ?? slack.data.frequency;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ frequency: chosen, ...(webhookUrl.trim() ? { webhookUrl: webhookUrl.trim() } : {}) });
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="slack-title" noValidate>
      <div className="row">
        <h2 id="slack-title" className="card-title">
          Slack channel
        </h2>
        <Badge status={slack.data.configured ? 'done' : 'draft'}>
          {slack.data.configured ? 'Connected' : 'Not connected'}
        </Badge>
      </div>
      <p className="small muted">
        Create an incoming webhook for the channel in Slack and paste its address. It is stored encrypted and
        never shown again. Last Slack digest: {formatDateTime(slack.data.lastDigestAt)}.
      </p>
      <Field
        label="Incoming webhook address"
        hint={
          slack.data.configured ? 'Leave empty to keep the stored one.' : 'https://hooks.slack.com/services/…'
        }
        error={errors.fields.webhookUrl}
      >
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="off"
            value={webhookUrl}
            maxLength={500}
            placeholder={slack.data.configured ? '•••••••• (stored)' : ''}
            onChange={(e) => setWebhookUrl(e.target.value)}
          />
        )}
      </Field>
      <Field label="Slack digest" error={errors.fields.frequency}>
        {(p) => (
          <select {...p} value={chosen} onChange={(e) => setFrequency(e.target.value as TFrequency)}>
            {FREQUENCIES.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError error={errors.form} />
      <div className="row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save Slack channel
        </button>
        {slack.data.configured ? (
          <button
            type="button"
            className="button"
            disabled={save.isPending}
            onClick={() => save.mutate({ webhookUrl: null, frequency: chosen })}
          >
            Disconnect
          </button>
        ) : null}
        <button type="button" className="button" disabled={send.isPending} onClick={() => send.mutate()}>
          Send due digests now
        </button>
      </div>
      {sweep ? (
        <p className="small" role="status">
          {sweep}
        </p>
      ) : null}
    </form>
  );
}
