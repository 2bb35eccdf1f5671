-- The public trust center (/trust/<slug>): what an organization chooses to show customers, the documents it
-- shares (public, or gated behind a click-through NDA and an admin's approval), who asked for access, and
-- every download of a gated document. Public URLs carry random public ids, never the row ids.

CREATE TABLE trust_centers (
  org_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  published boolean NOT NULL DEFAULT false,
  headline text NOT NULL CHECK (char_length(headline) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 4000),
  security_contact text CHECK (char_length(security_contact) <= 254),
  faq jsonb NOT NULL DEFAULT '[]',
  areas jsonb NOT NULL DEFAULT '[]',
  subprocessors jsonb NOT NULL DEFAULT '[]',
  nda_text text NOT NULL CHECK (char_length(nda_text) BETWEEN 1 AND 20000),
  -- Goes up whenever the NDA text changes; each access request records the version and text accepted.
  nda_version integer NOT NULL DEFAULT 1 CHECK (nda_version >= 1),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

-- Policies shown on the trust center: their published version can be downloaded by anyone.
CREATE TABLE trust_center_policies (
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  policy_id uuid NOT NULL,
  public_id text NOT NULL UNIQUE CHECK (public_id ~ '^[A-Za-z0-9_-]{16,64}$'),
  PRIMARY KEY (org_id, policy_id),
  FOREIGN KEY (org_id, policy_id) REFERENCES policies (org_id, id) ON DELETE CASCADE
);

CREATE TABLE trust_center_documents (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  public_id text NOT NULL UNIQUE CHECK (public_id ~ '^[A-Za-z0-9_-]{16,64}$'),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 1000),
  kind text NOT NULL CHECK (kind IN ('soc2_report', 'penetration_test', 'other')),
  access text NOT NULL CHECK (access IN ('public', 'gated')),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  blob_key text NOT NULL,
  -- Set when the document was taken from an evidence item rather than uploaded.
  evidence_id uuid,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  removed_at timestamptz,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, evidence_id) REFERENCES evidence (org_id, id)
);
CREATE INDEX trust_center_documents_org_idx ON trust_center_documents (org_id, created_at);

CREATE TABLE trust_access_requests (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
  company text NOT NULL CHECK (char_length(company) BETWEEN 1 AND 120),
  email text NOT NULL CHECK (char_length(email) <= 254),
  -- The click-through NDA exactly as the visitor accepted it.
  nda_version integer NOT NULL,
  nda_text text NOT NULL,
  nda_accepted_at timestamptz NOT NULL,
  source_address text,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
  decided_by text,
  decided_at timestamptz,
  expires_at timestamptz,
  -- The SHA-256 of the download link's token, set on approval; the token itself is never stored.
  token_hash text UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, id),
  CHECK (status <> 'approved' OR (token_hash IS NOT NULL AND expires_at IS NOT NULL AND decided_at IS NOT NULL))
);
CREATE INDEX trust_access_requests_org_idx ON trust_access_requests (org_id, created_at);

CREATE TABLE trust_downloads (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  request_id uuid NOT NULL,
  document_id uuid NOT NULL,
  downloaded_at timestamptz NOT NULL,
  source_address text,
  watermark text NOT NULL,
  FOREIGN KEY (org_id, request_id) REFERENCES trust_access_requests (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, document_id) REFERENCES trust_center_documents (org_id, id) ON DELETE CASCADE
);
CREATE INDEX trust_downloads_org_idx ON trust_downloads (org_id, downloaded_at);
