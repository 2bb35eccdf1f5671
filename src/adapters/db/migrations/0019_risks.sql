-- The risk register (CC3.1 to CC3.4): each risk an organization tracks, rated before (inherent) and after
-- (residual) its controls as likelihood x impact on 1 to 5 scales, with an owner, a treatment and a review
-- date. Accepting a risk records who accepted it, when and why. risk_controls links a risk to the controls
-- that treat it.

CREATE TABLE risks (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  category text NOT NULL CHECK (category IN ('security', 'availability', 'confidentiality', 'privacy',
    'processing_integrity', 'fraud', 'change', 'vendor', 'operational', 'compliance')),
  library_id text,
  inherent_likelihood smallint NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 5),
  inherent_impact smallint NOT NULL CHECK (inherent_impact BETWEEN 1 AND 5),
  residual_likelihood smallint NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 5),
  residual_impact smallint NOT NULL CHECK (residual_impact BETWEEN 1 AND 5),
  owner_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  treatment text NOT NULL CHECK (treatment IN ('mitigate', 'accept', 'transfer', 'avoid')),
  review_date date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  accepted_by_label text,
  accepted_at timestamptz,
  acceptance_note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, id),
  CHECK (residual_likelihood * residual_impact <= inherent_likelihood * inherent_impact),
  CHECK (accepted_at IS NULL OR treatment = 'accept')
);

CREATE INDEX risks_org_idx ON risks (org_id, created_at);

CREATE TABLE risk_controls (
  org_id uuid NOT NULL,
  risk_id uuid NOT NULL,
  control_id uuid NOT NULL,
  PRIMARY KEY (org_id, risk_id, control_id),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, control_id) REFERENCES controls (org_id, id) ON DELETE CASCADE
);
