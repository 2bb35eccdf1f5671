-- Notifications (email through the SMTP adapter, and a Slack incoming webhook): each member chooses which
-- kinds reach them by which channel and how often digests go out; the organization may set one Slack
-- webhook (sealed with the master key). Every notice is queued once per recipient and channel (its key
-- makes it idempotent), then sent in a digest and marked sent.

CREATE TABLE notification_preferences (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  frequency text NOT NULL DEFAULT 'daily' CHECK (frequency IN ('hourly', 'daily', 'weekly')),
  -- { "<kind>": { "email": true, "slack": false }, ... }; kinds not listed take the role's defaults.
  kinds jsonb NOT NULL DEFAULT '{}',
  last_digest_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);

CREATE TABLE notification_channels (
  org_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  slack_webhook_sealed text,
  slack_frequency text NOT NULL DEFAULT 'hourly' CHECK (slack_frequency IN ('hourly', 'daily', 'weekly')),
  slack_last_digest_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notification_outbox (
  id bigserial PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  -- 'user:<uuid>' for a member's email, 'slack' for the organization's channel.
  recipient text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'slack')),
  notice_key text NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  link text NOT NULL,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  UNIQUE (org_id, recipient, channel, notice_key)
);
CREATE INDEX notification_outbox_unsent_idx ON notification_outbox (org_id, recipient) WHERE sent_at IS NULL;
