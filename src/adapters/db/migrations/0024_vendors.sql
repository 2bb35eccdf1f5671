-- Vendors and subservice organizations (CC9.2): the inventory with the rubric's answers (the tier is derived
-- from them, see domain/vendor.ts), contract dates, review cadence and status; a vendor marked as a
-- subservice organization carries its method, where it appears in the report and the complementary
-- subservice organization controls (CSOCs) expected of it. vendor_reports holds their SOC 2 reports (files
-- stored by SHA-256 like evidence) with an optional bridge letter; vendor_reviews the reviews recorded.
-- cuecs: the complementary user entity controls the organization expects of its own customers.

CREATE TABLE vendors (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  services text NOT NULL DEFAULT '',
  data_categories text[] NOT NULL CHECK (cardinality(data_categories) >= 1 AND data_categories <@ ARRAY[
    'customer_personal_data', 'customer_confidential_data', 'employee_data', 'financial',
    'credentials_secrets', 'none']::text[]),
  operational_dependency text NOT NULL CHECK (operational_dependency IN ('none', 'minor', 'degraded', 'outage')),
  production_access text NOT NULL CHECK (production_access IN ('none', 'limited', 'administrative')),
  owner_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  contract_start date,
  renewal_date date,
  review_cadence text CHECK (review_cadence IN ('quarterly', 'semiannual', 'annual')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'offboarded')),
  subservice_method text CHECK (subservice_method IN ('carve_out', 'inclusive')),
  report_sections text,
  csocs jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  CHECK (renewal_date IS NULL OR contract_start IS NULL OR renewal_date >= contract_start)
);

CREATE UNIQUE INDEX vendors_org_name_idx ON vendors (org_id, lower(name));

CREATE TABLE vendor_reports (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  vendor_id uuid NOT NULL,
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes bigint NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  blob_key text NOT NULL,
  report_type text NOT NULL CHECK (report_type IN ('type1', 'type2')),
  period_start date NOT NULL,
  period_end date NOT NULL,
  opinion text NOT NULL CHECK (opinion IN ('unqualified', 'qualified', 'adverse', 'disclaimer')),
  exceptions text NOT NULL DEFAULT '',
  expires_on date NOT NULL,
  bridge_file_name text,
  bridge_media_type text,
  bridge_size_bytes bigint,
  bridge_sha256 text CHECK (bridge_sha256 ~ '^[0-9a-f]{64}$'),
  bridge_blob_key text,
  bridge_covered_until date,
  bridge_uploaded_at timestamptz,
  uploaded_at timestamptz NOT NULL,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, vendor_id) REFERENCES vendors (org_id, id) ON DELETE CASCADE,
  CHECK (period_start <= period_end),
  CHECK ((bridge_blob_key IS NULL) = (bridge_covered_until IS NULL))
);

CREATE INDEX vendor_reports_vendor_idx ON vendor_reports (org_id, vendor_id, period_end);

CREATE TABLE vendor_reviews (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  vendor_id uuid NOT NULL,
  reviewed_on date NOT NULL,
  reviewer_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  reviewer_email text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('approved', 'approved_with_conditions', 'rejected')),
  notes text NOT NULL DEFAULT '',
  report_id uuid,
  recorded_at timestamptz NOT NULL,
  FOREIGN KEY (org_id, vendor_id) REFERENCES vendors (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, report_id) REFERENCES vendor_reports (org_id, id)
);

CREATE INDEX vendor_reviews_vendor_idx ON vendor_reviews (org_id, vendor_id, reviewed_on);

CREATE TABLE cuecs (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  criteria text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  seq bigserial NOT NULL
);

CREATE INDEX cuecs_org_idx ON cuecs (org_id, seq);
