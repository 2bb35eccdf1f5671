-- Readiness over time, for the dashboard's trend: one row per organization and day, rewritten by every
-- change that moves readiness that day (the last state of the day wins). Derived data: it can be rebuilt
-- from the program at any time, so it is not in the audit log.
CREATE TABLE readiness_snapshots (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  day date NOT NULL,
  overall_score real CHECK (overall_score IS NULL OR overall_score BETWEEN 0 AND 100),
  category_scores jsonb NOT NULL DEFAULT '{}',
  counts jsonb NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, day)
);

-- The default owner of each owner role (leadership, security, ...): onboarding names one person per role,
-- and every control and policy of that role without an owner gets them.
CREATE TABLE owner_role_assignments (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  owner_role text NOT NULL CHECK (owner_role IN ('leadership', 'security', 'engineering', 'it', 'hr', 'legal')),
  user_id uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, owner_role)
);
