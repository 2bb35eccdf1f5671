-- Controls, their criteria, policies with versions, evidence and remediation tasks.

CREATE TABLE controls (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  code text NOT NULL,
  library_id text,
  title text NOT NULL,
  requirement text NOT NULL,
  evidence_guidance text NOT NULL DEFAULT '',
  frequency text NOT NULL CHECK (frequency IN ('continuous', 'daily', 'weekly', 'monthly', 'quarterly', 'annual', 'per-event')),
  owner_role text NOT NULL CHECK (owner_role IN ('leadership', 'security', 'engineering', 'it', 'hr', 'legal')),
  owner_user_id uuid REFERENCES users (id),
  automatable boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'not_started'
    CHECK (status IN ('not_started', 'in_progress', 'implemented', 'not_applicable')),
  not_applicable_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, code),
  CHECK ((status = 'not_applicable') = (not_applicable_reason IS NOT NULL))
);

CREATE TABLE control_criteria (
  org_id uuid NOT NULL,
  control_id uuid NOT NULL,
  criterion_id text NOT NULL,
  PRIMARY KEY (org_id, control_id, criterion_id),
  FOREIGN KEY (org_id, control_id) REFERENCES controls (org_id, id) ON DELETE CASCADE
);
CREATE INDEX control_criteria_criterion_idx ON control_criteria (org_id, criterion_id);

CREATE TABLE policies (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  template_id text,
  title text NOT NULL,
  owner_role text NOT NULL,
  owner_user_id uuid REFERENCES users (id),
  review_cadence text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, template_id)
);

CREATE TABLE policy_versions (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  policy_id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  body_markdown text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'published')),
  created_by uuid REFERENCES users (id),
  approved_by uuid REFERENCES users (id),
  approved_at timestamptz,
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (policy_id, version),
  FOREIGN KEY (org_id, policy_id) REFERENCES policies (org_id, id) ON DELETE CASCADE
);

CREATE TABLE policy_controls (
  org_id uuid NOT NULL,
  policy_id uuid NOT NULL,
  control_id uuid NOT NULL,
  PRIMARY KEY (org_id, policy_id, control_id),
  FOREIGN KEY (org_id, policy_id) REFERENCES policies (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, control_id) REFERENCES controls (org_id, id) ON DELETE CASCADE
);

CREATE TABLE evidence (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  title text NOT NULL,
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  blob_key text NOT NULL,
  source text NOT NULL DEFAULT 'upload' CHECK (source IN ('upload', 'integration', 'import')),
  valid_from date NOT NULL,
  valid_until date,
  collected_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX evidence_sha256_idx ON evidence (org_id, sha256);

CREATE TABLE evidence_controls (
  org_id uuid NOT NULL,
  evidence_id uuid NOT NULL,
  control_id uuid NOT NULL,
  PRIMARY KEY (org_id, evidence_id, control_id),
  FOREIGN KEY (org_id, evidence_id) REFERENCES evidence (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, control_id) REFERENCES controls (org_id, id) ON DELETE CASCADE
);
CREATE INDEX evidence_controls_control_idx ON evidence_controls (org_id, control_id);

CREATE TABLE tasks (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  control_id uuid,
  criterion_id text,
  assignee_user_id uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
  due_date date,
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, control_id) REFERENCES controls (org_id, id) ON DELETE SET NULL (control_id)
);
