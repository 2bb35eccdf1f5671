-- Continuous monitoring. An integration holds its settings sealed with the master key (they carry
-- credentials). A run keeps only what changed: test_states holds one row per (test, resource) pair with its
-- status since when, rewritten only when the status changes; test_transitions is the history of changes;
-- monitor_runs keeps per-run counts and the SHA-256 of the canonical snapshot of what was observed.

CREATE TABLE integrations (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  type text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  config_sealed text NOT NULL,
  schedule_minutes integer NOT NULL DEFAULT 60 CHECK (schedule_minutes BETWEEN 5 AND 10080),
  enabled boolean NOT NULL DEFAULT true,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'ok', 'failed')),
  last_error jsonb,
  last_run_at timestamptz,
  next_run_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, id),
  UNIQUE (org_id, name)
);
CREATE INDEX integrations_due_idx ON integrations (next_run_at) WHERE enabled;

CREATE TABLE monitor_runs (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  integration_id uuid NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  error jsonb,
  resources integer NOT NULL DEFAULT 0,
  passed integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  errors integer NOT NULL DEFAULT 0,
  not_applicable integer NOT NULL DEFAULT 0,
  transitions integer NOT NULL DEFAULT 0,
  snapshot_sha256 text CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
  snapshot_blob_key text,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, integration_id) REFERENCES integrations (org_id, id) ON DELETE CASCADE
);
CREATE INDEX monitor_runs_integration_idx ON monitor_runs (org_id, integration_id, started_at DESC);

CREATE TABLE test_states (
  org_id uuid NOT NULL,
  integration_id uuid NOT NULL,
  test_id text NOT NULL,
  resource_id text NOT NULL,
  resource_type text NOT NULL,
  resource_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('pass', 'fail', 'not_applicable', 'error')),
  reason text NOT NULL,
  fields jsonb NOT NULL DEFAULT '{}'::jsonb,
  since timestamptz NOT NULL,
  PRIMARY KEY (org_id, integration_id, test_id, resource_id),
  FOREIGN KEY (org_id, integration_id) REFERENCES integrations (org_id, id) ON DELETE CASCADE
);
CREATE INDEX test_states_test_idx ON test_states (org_id, test_id, status);

CREATE TABLE test_transitions (
  id bigserial PRIMARY KEY,
  org_id uuid NOT NULL,
  integration_id uuid NOT NULL,
  run_id uuid NOT NULL,
  test_id text NOT NULL,
  resource_id text NOT NULL,
  from_status text,
  to_status text,
  reason text,
  at timestamptz NOT NULL,
  FOREIGN KEY (org_id, integration_id) REFERENCES integrations (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, run_id) REFERENCES monitor_runs (org_id, id) ON DELETE CASCADE
);
CREATE INDEX test_transitions_org_idx ON test_transitions (org_id, test_id, at);
