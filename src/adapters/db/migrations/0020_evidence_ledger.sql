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

-- Like the audit log, the ledger has no update or delete path, and the triggers refuse one made by hand.
-- An organization's signing key is never replaced: only its sealed private key is re-sealed under a new
-- master key.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER ledger_entries_append_only
  BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

CREATE TRIGGER ledger_entries_no_truncate
  BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

CREATE FUNCTION org_signing_key_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.org_id <> OLD.org_id OR NEW.public_key_pem <> OLD.public_key_pem
     OR NEW.fingerprint <> OLD.fingerprint OR NEW.algorithm <> OLD.algorithm THEN
    RAISE EXCEPTION 'an organization''s signing key is never replaced: % refused', TG_OP;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER org_signing_keys_fixed
  BEFORE UPDATE OR DELETE ON org_signing_keys
  FOR EACH ROW EXECUTE FUNCTION org_signing_key_fixed();

-- A run's transitions are read back by run to recompute its ledger digest (attestly verify).
CREATE INDEX test_transitions_run_idx ON test_transitions (org_id, run_id, id);
