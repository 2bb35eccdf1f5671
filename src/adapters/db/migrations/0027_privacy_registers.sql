-- Data and privacy registers: the data inventory (C1.1, C1.2, and P3/P4 with Privacy in scope) and, when
-- Privacy is in scope, privacy notices, consent records, data-subject requests, disclosures, breaches and
-- vendor privacy commitments. One table, one row per entry; the entry's fields are validated per register
-- by the domain (domain/privacy.ts) before they are stored.

CREATE TABLE privacy_entries (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  register text NOT NULL CHECK (register IN ('data_asset', 'privacy_notice', 'consent',
    'data_subject_request', 'disclosure', 'breach', 'vendor_commitment')),
  data jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (org_id, id)
);
CREATE INDEX privacy_entries_register_idx ON privacy_entries (org_id, register, created_at);
