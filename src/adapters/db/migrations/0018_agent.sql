-- The host agent. An administrator creates an enrolment token (shown once, stored as its SHA-256) and hands
-- it to the machines to enrol; a machine that presents it gets its own device credential (also stored only
-- as a hash) and from then on posts reports with it. agent_devices keeps each device's latest report: the
-- organization's `agent` integration judges those, so a run sees every device's last known state.

CREATE TABLE agent_enrolment_tokens (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  enrolments integer NOT NULL DEFAULT 0,
  UNIQUE (org_id, id)
);

CREATE TABLE agent_devices (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  hostname text NOT NULL CHECK (length(hostname) BETWEEN 1 AND 253),
  credential_hash text NOT NULL UNIQUE CHECK (credential_hash ~ '^[0-9a-f]{64}$'),
  enrolment_token_id uuid,
  enrolled_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_report jsonb,
  last_report_at timestamptz,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, enrolment_token_id) REFERENCES agent_enrolment_tokens (org_id, id)
);
CREATE INDEX agent_devices_org_idx ON agent_devices (org_id, hostname);
