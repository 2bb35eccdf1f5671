-- OpenID Connect single sign-on: one connection per organization, and the short-lived state of each
-- sign-in in progress (authorization code flow with PKCE). The client secret and the PKCE verifier are
-- sealed with the master key; the state is stored only as its hash and is spent once.

CREATE TABLE sso_connections (
  org_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  issuer text NOT NULL CHECK (issuer ~ '^https?://'),
  client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 255),
  client_secret_sealed text NOT NULL,
  allowed_domains text[] NOT NULL DEFAULT '{}',
  jit_role text NOT NULL DEFAULT 'employee'
    CHECK (jit_role IN ('owner', 'admin', 'member', 'employee', 'auditor', 'viewer')),
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE sso_login_states (
  state_hash text PRIMARY KEY CHECK (state_hash ~ '^[0-9a-f]{64}$'),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  code_verifier_sealed text NOT NULL,
  nonce text NOT NULL,
  redirect_after text NOT NULL CHECK (redirect_after LIKE '/%'),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
-- Expired states are purged as new sign-ins start.
CREATE INDEX sso_login_states_expiry_idx ON sso_login_states (expires_at);
