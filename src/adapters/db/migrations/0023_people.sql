-- The personnel register (CC1.4, CC2.2, CC6.2, CC6.3): employees and contractors, keyed by email in each
-- organization, with the background check on the person's row. person_checklist_marks are the checklist
-- items ticked by hand (device enrolled, access removed where no connected system shows it);
-- training_completions are built-in courses taken in Attestly and lines imported from a training provider;
-- person_accounts are the accounts connected systems (identity providers, directories) hold for a person,
-- as their latest collection showed them, replaced at each sync.

CREATE TABLE people (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type text NOT NULL CHECK (type IN ('employee', 'contractor')),
  department text CHECK (length(department) <= 200),
  title text CHECK (length(title) <= 200),
  manager_email text CHECK (length(manager_email) <= 254),
  start_date date NOT NULL,
  end_date date,
  in_scope boolean NOT NULL DEFAULT true,
  source text NOT NULL CHECK (source IN ('manual', 'hr_csv', 'integration')),
  source_integration text,
  background_check_status text NOT NULL DEFAULT 'not_started'
    CHECK (background_check_status IN ('not_started', 'in_progress', 'completed')),
  background_check_date date,
  background_check_provider text CHECK (length(background_check_provider) <= 200),
  background_check_exemption text CHECK (length(background_check_exemption) BETWEEN 1 AND 2000),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  UNIQUE (org_id, email),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK (background_check_status <> 'completed' OR background_check_date IS NOT NULL)
);

CREATE TABLE person_checklist_marks (
  org_id uuid NOT NULL,
  person_id uuid NOT NULL,
  item text NOT NULL CHECK (item IN ('device_enrolled', 'access_removed')),
  done_on date NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  device_id uuid,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, person_id, item),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, device_id) REFERENCES agent_devices (org_id, id)
);

CREATE TABLE training_completions (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  person_id uuid NOT NULL,
  course_id text NOT NULL CHECK (length(course_id) BETWEEN 1 AND 200),
  course_version integer NOT NULL CHECK (course_version >= 0),
  completed_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('course', 'import')),
  recorded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, person_id, course_id, course_version, completed_at),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE
);
CREATE INDEX training_completions_person_idx ON training_completions (org_id, person_id);

CREATE TABLE person_accounts (
  org_id uuid NOT NULL,
  person_id uuid NOT NULL,
  integration_id uuid NOT NULL,
  system text NOT NULL,
  resource_type text NOT NULL,
  account_id text NOT NULL,
  account_name text NOT NULL,
  status text NOT NULL,
  active boolean NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, person_id, integration_id, resource_type, account_id),
  FOREIGN KEY (org_id, person_id) REFERENCES people (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, integration_id) REFERENCES integrations (org_id, id) ON DELETE CASCADE
);
