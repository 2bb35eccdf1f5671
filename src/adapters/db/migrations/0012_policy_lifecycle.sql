-- The policy lifecycle: a version goes draft -> approved -> published; publishing a version supersedes the
-- one published before it, and starting a new draft on top of an approved version supersedes that approval.
-- At most one working version (draft or approved) and one published version per policy, enforced here.
-- Employees accept the published version; an acceptance is evidence, so it names the exact version.

ALTER TABLE policy_versions DROP CONSTRAINT policy_versions_status_check;
ALTER TABLE policy_versions
  ADD CONSTRAINT policy_versions_status_check
  CHECK (status IN ('draft', 'approved', 'published', 'superseded'));

ALTER TABLE policy_versions ADD COLUMN published_by uuid REFERENCES users (id);
ALTER TABLE policy_versions ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE policy_versions
  ADD CONSTRAINT policy_versions_approval_check
  CHECK (status = 'draft' OR approved_at IS NOT NULL);
ALTER TABLE policy_versions
  ADD CONSTRAINT policy_versions_body_size_check CHECK (octet_length(body_markdown) <= 204800);

CREATE UNIQUE INDEX policy_versions_one_working_idx
  ON policy_versions (org_id, policy_id) WHERE status IN ('draft', 'approved');
CREATE UNIQUE INDEX policy_versions_one_published_idx
  ON policy_versions (org_id, policy_id) WHERE status = 'published';

CREATE TABLE policy_acceptances (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  policy_version_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  accepted_at timestamptz NOT NULL,
  UNIQUE (org_id, id),
  UNIQUE (policy_version_id, user_id),
  FOREIGN KEY (org_id, policy_version_id) REFERENCES policy_versions (org_id, id) ON DELETE CASCADE
);
CREATE INDEX policy_acceptances_user_idx ON policy_acceptances (org_id, user_id);
