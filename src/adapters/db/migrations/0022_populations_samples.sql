-- Populations and samples (Type 2 testing). population_items keeps every occurrence of one kind of event
-- (merged changes, hires, leavers …) with where it came from, so a population stays whole for the window
-- even after a collector's lookback stops returning an item. samples records each draw with its seed, the
-- size and a digest of the population it was drawn from, so anyone can draw it again and compare.
-- sampling_settings holds an organization's own sample sizes per control frequency. An index on
-- test_transitions serves the control timelines.

CREATE TABLE population_items (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
  external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
  occurred_at timestamptz NOT NULL,
  title text NOT NULL CHECK (length(title) <= 500),
  attributes jsonb NOT NULL DEFAULT '{}',
  source_kind text NOT NULL CHECK (source_kind IN ('integration', 'import', 'register')),
  source_ref text NOT NULL CHECK (length(source_ref) BETWEEN 1 AND 200),
  collected_at timestamptz NOT NULL,
  UNIQUE (org_id, id),
  UNIQUE (org_id, kind, external_id)
);

CREATE INDEX population_items_period_idx ON population_items (org_id, kind, occurred_at);

CREATE TABLE samples (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  audit_id uuid NOT NULL,
  control_code text NOT NULL CHECK (length(control_code) BETWEEN 1 AND 40),
  kind text NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
  seed text NOT NULL CHECK (seed ~ '^[0-9a-f]{32,128}$'),
  size integer NOT NULL CHECK (size >= 0),
  population_count integer NOT NULL CHECK (population_count >= size),
  population_digest text NOT NULL CHECK (population_digest ~ '^[0-9a-f]{64}$'),
  item_ids jsonb NOT NULL,
  drawn_by text NOT NULL,
  drawn_at timestamptz NOT NULL,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, audit_id) REFERENCES audits (org_id, id) ON DELETE CASCADE
);

CREATE INDEX samples_audit_idx ON samples (org_id, audit_id, drawn_at);

CREATE TABLE sampling_settings (
  org_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  sizes jsonb NOT NULL DEFAULT '{}',
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- The control timelines read where each test x resource pair stood when a period began: the latest
-- transition of each pair before a date, for the whole organization at once.
CREATE INDEX test_transitions_pair_idx ON test_transitions (org_id, integration_id, test_id, resource_id, at);
