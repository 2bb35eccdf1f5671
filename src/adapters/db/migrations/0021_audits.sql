-- The audit (steps 8 and 9 of the journey): the firm and its contacts, the report type with its as-of date
-- (Type 1) or observation window (Type 2), the phase, and the checklist used to choose the firm.
-- Requests, comments, walkthroughs and the auditors invited into one audit follow below.

CREATE TABLE audits (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  firm_name text NOT NULL CHECK (length(firm_name) BETWEEN 1 AND 200),
  contacts jsonb NOT NULL DEFAULT '[]',
  report_type text NOT NULL CHECK (report_type IN ('type1', 'type2')),
  as_of_date date,
  window_start date,
  window_end date,
  phase text NOT NULL DEFAULT 'planning' CHECK (phase IN ('planning', 'fieldwork', 'reporting', 'done')),
  firm_checklist jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  CHECK (
    (report_type = 'type1' AND as_of_date IS NOT NULL AND window_start IS NULL AND window_end IS NULL)
    OR (report_type = 'type2' AND as_of_date IS NULL AND window_start IS NOT NULL AND window_end > window_start)
  )
);

CREATE INDEX audits_org_idx ON audits (org_id, created_at);

-- The firm's requests (the "PBC list": provided by client), each answered with evidence. Status: open →
-- submitted (evidence attached) → accepted, or flagged by the auditor with a reason → resubmitted → accepted.
CREATE TABLE audit_requests (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  audit_id uuid NOT NULL,
  ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 40),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '',
  control_id uuid,
  criterion_id text,
  due_date date,
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'submitted', 'accepted', 'flagged', 'resubmitted')),
  flag_reason text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, audit_id, ref),
  FOREIGN KEY (org_id, audit_id) REFERENCES audits (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, control_id) REFERENCES controls (org_id, id),
  CHECK ((status = 'flagged') = (flag_reason IS NOT NULL))
);
CREATE INDEX audit_requests_audit_idx ON audit_requests (org_id, audit_id, ref);

CREATE TABLE audit_request_evidence (
  org_id uuid NOT NULL,
  request_id uuid NOT NULL,
  evidence_id uuid NOT NULL,
  attached_by text NOT NULL,
  attached_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, request_id, evidence_id),
  FOREIGN KEY (org_id, request_id) REFERENCES audit_requests (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, evidence_id) REFERENCES evidence (org_id, id) ON DELETE CASCADE
);

CREATE TABLE audit_request_comments (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  request_id uuid NOT NULL,
  author text NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, request_id) REFERENCES audit_requests (org_id, id) ON DELETE CASCADE
);
CREATE INDEX audit_request_comments_idx ON audit_request_comments (org_id, request_id, created_at);

-- Walkthrough meetings: the auditor watches a control operate, against one request.
CREATE TABLE audit_walkthroughs (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  request_id uuid NOT NULL,
  scheduled_at timestamptz NOT NULL,
  attendees jsonb NOT NULL DEFAULT '[]',
  notes text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, request_id) REFERENCES audit_requests (org_id, id) ON DELETE CASCADE
);
CREATE INDEX audit_walkthroughs_idx ON audit_walkthroughs (org_id, request_id, scheduled_at);

-- An auditor invited into one audit: the invitation carries the audit, and so does the membership it
-- becomes. Such an auditor sees that audit only, and dated records inside its period only.
ALTER TABLE invitations ADD COLUMN audit_id uuid;
ALTER TABLE invitations ADD FOREIGN KEY (org_id, audit_id) REFERENCES audits (org_id, id) ON DELETE CASCADE;
ALTER TABLE invitations ADD CHECK (audit_id IS NULL OR role = 'auditor');
ALTER TABLE memberships ADD COLUMN audit_id uuid;
ALTER TABLE memberships ADD FOREIGN KEY (org_id, audit_id) REFERENCES audits (org_id, id) ON DELETE CASCADE;
CREATE INDEX memberships_audit_idx ON memberships (org_id, audit_id) WHERE audit_id IS NOT NULL;
