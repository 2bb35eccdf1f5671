-- The evidence ledger: one hash chain per organization over every evidence item, every monitoring run's
-- test-result transitions and every audit-log entry. Each entry commits to a digest of what it records and
-- to the previous entry, so an auditor can check a window's evidence without trusting the database.
-- Each organization signs exports with its own Ed25519 key; the private key is sealed with the master key.

CREATE TABLE ledger_entries (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  seq bigint NOT NULL CHECK (seq > 0),
  occurred_at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('evidence', 'test_transitions', 'audit_log')),
  ref_id text NOT NULL,
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (org_id, seq)
);
CREATE INDEX ledger_entries_time_idx ON ledger_entries (org_id, occurred_at);

CREATE TABLE org_signing_keys (
  org_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  algorithm text NOT NULL DEFAULT 'ed25519' CHECK (algorithm = 'ed25519'),
  public_key_pem text NOT NULL,
  private_key_sealed text NOT NULL,
  fingerprint text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
