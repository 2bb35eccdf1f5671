-- One-time links that sign in as the demo organization's owner (`attestly serve --demo`). Like the setup
-- link, only the token's SHA-256 is kept; a link works once and expires.
CREATE TABLE demo_sign_in_tokens (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
