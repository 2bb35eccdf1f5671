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
