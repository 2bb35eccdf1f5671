-- User access reviews (CC6.2, CC6.3). A campaign reviews one system's accounts as they were when it
-- started: the accounts are copied into access_review_items and the canonical JSON of the whole snapshot
-- is hashed (snapshot_sha256) and stored as a blob. The trigger below refuses any change to a frozen
-- account or to the campaign's snapshot, so the review always shows access as it was. Reviewers keep or
-- revoke each account; a revocation has a task, verified by the system's next collection.
-- access_review_schedules holds each system's cadence and next due date.

CREATE TABLE access_review_campaigns (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  integration_id uuid,
  -- The integration reviewed, kept when it is deleted (integration_id is then cleared): part of the snapshot.
  system_id uuid NOT NULL,
  system_name text NOT NULL,
  system_type text NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'completed')),
  due_date date NOT NULL,
  reviewer_user_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
  frozen_at timestamptz NOT NULL,
  sources jsonb NOT NULL,
  snapshot_sha256 text NOT NULL CHECK (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
  snapshot_blob_key text NOT NULL,
  accounts integer NOT NULL CHECK (accounts >= 0),
  started_by text NOT NULL,
  completed_at timestamptz,
  completed_by text,
  evidence_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  FOREIGN KEY (org_id, integration_id) REFERENCES integrations (org_id, id) ON DELETE SET NULL (integration_id),
  FOREIGN KEY (org_id, evidence_id) REFERENCES evidence (org_id, id) ON DELETE SET NULL (evidence_id)
);

-- One review of a system at a time.
CREATE UNIQUE INDEX access_review_campaigns_open_idx
  ON access_review_campaigns (org_id, integration_id) WHERE status = 'in_progress';
CREATE INDEX access_review_campaigns_org_idx ON access_review_campaigns (org_id, frozen_at DESC);

CREATE TABLE access_review_items (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  campaign_id uuid NOT NULL,
  position integer NOT NULL,
  resource_type text NOT NULL,
  account_id text NOT NULL,
  name text NOT NULL,
  email text,
  account_status text NOT NULL CHECK (account_status IN ('active', 'disabled')),
  last_login text,
  privileges jsonb NOT NULL,
  decision text CHECK (decision IN ('keep', 'revoke')),
  comment text NOT NULL DEFAULT '',
  decided_by text,
  decided_at timestamptz,
  task_id uuid,
  verification text CHECK (verification IN ('pending', 'verified', 'flagged')),
  verification_note text,
  verified_at timestamptz,
  verified_run_id uuid,
  UNIQUE (org_id, id),
  UNIQUE (org_id, campaign_id, resource_type, account_id),
  CHECK ((decision = 'revoke') = (verification IS NOT NULL)),
  FOREIGN KEY (org_id, campaign_id) REFERENCES access_review_campaigns (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, task_id) REFERENCES tasks (org_id, id) ON DELETE SET NULL (task_id)
);
CREATE INDEX access_review_items_campaign_idx ON access_review_items (org_id, campaign_id, position);
CREATE INDEX access_review_items_open_revocations_idx
  ON access_review_items (org_id, campaign_id) WHERE verification IN ('pending', 'flagged');

CREATE FUNCTION access_review_snapshot_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'access_review_items' THEN
    IF (NEW.campaign_id, NEW.position, NEW.resource_type, NEW.account_id, NEW.name, NEW.email,
        NEW.account_status, NEW.last_login, NEW.privileges)
       IS DISTINCT FROM
       (OLD.campaign_id, OLD.position, OLD.resource_type, OLD.account_id, OLD.name, OLD.email,
        OLD.account_status, OLD.last_login, OLD.privileges) THEN
      RAISE EXCEPTION 'access_review_items: the frozen account cannot change';
    END IF;
  ELSIF (NEW.frozen_at, NEW.sources, NEW.snapshot_sha256, NEW.snapshot_blob_key, NEW.accounts,
         NEW.system_id, NEW.system_name, NEW.system_type)
        IS DISTINCT FROM
        (OLD.frozen_at, OLD.sources, OLD.snapshot_sha256, OLD.snapshot_blob_key, OLD.accounts,
         OLD.system_id, OLD.system_name, OLD.system_type) THEN
    RAISE EXCEPTION 'access_review_campaigns: the frozen snapshot cannot change';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER access_review_items_frozen
  BEFORE UPDATE ON access_review_items
  FOR EACH ROW EXECUTE FUNCTION access_review_snapshot_is_frozen();

CREATE TRIGGER access_review_campaigns_frozen
  BEFORE UPDATE ON access_review_campaigns
  FOR EACH ROW EXECUTE FUNCTION access_review_snapshot_is_frozen();

CREATE TABLE access_review_schedules (
  org_id uuid NOT NULL,
  integration_id uuid NOT NULL,
  cadence_months smallint NOT NULL DEFAULT 3 CHECK (cadence_months BETWEEN 1 AND 12),
  next_due date NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, integration_id),
  FOREIGN KEY (org_id, integration_id) REFERENCES integrations (org_id, id) ON DELETE CASCADE
);
