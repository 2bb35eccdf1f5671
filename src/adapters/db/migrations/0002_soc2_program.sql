-- The SOC 2 program: report type, the as-of date or observation window, and the scope.

CREATE TABLE programs (
  org_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  report_type text NOT NULL CHECK (report_type IN ('type1', 'type2')),
  as_of_date date,
  window_start date,
  window_end date,
  categories text[] NOT NULL CHECK ('security' = ANY (categories)),
  component_kinds text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (report_type = 'type1' AND as_of_date IS NOT NULL AND window_start IS NULL AND window_end IS NULL)
    OR (report_type = 'type2' AND as_of_date IS NULL AND window_start IS NOT NULL AND window_end > window_start)
  )
);

CREATE TABLE system_components (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('infrastructure', 'software', 'data', 'people', 'procedures')),
  name text NOT NULL,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, kind, name)
);

-- Criteria the organization marks not applicable (DC 200 asks for the reason).
CREATE TABLE criterion_exclusions (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  criterion_id text NOT NULL,
  reason text NOT NULL CHECK (length(reason) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, criterion_id)
);
