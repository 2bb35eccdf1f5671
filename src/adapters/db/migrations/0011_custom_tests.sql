-- Custom tests: an organization's own tests, each a CEL expression over one resource type, mapped to the
-- organization's controls. The expression is type-checked against the resource type's schema when saved
-- and compiled again at every run, so a test that a later schema change breaks reports errors instead of
-- silently passing. Results live with the built-in tests' in test_states, under the test id.

CREATE TABLE custom_tests (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  test_id text NOT NULL CHECK (test_id ~ '^custom\.[a-z0-9][a-z0-9_]{0,62}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  resource_type text NOT NULL,
  expression text NOT NULL CHECK (length(expression) BETWEEN 1 AND 4000),
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  controls text[] NOT NULL CHECK (cardinality(controls) >= 1),
  rationale text NOT NULL DEFAULT '',
  remediation text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, id),
  UNIQUE (org_id, test_id)
);
