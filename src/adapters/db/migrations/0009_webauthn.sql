-- WebAuthn passkeys: a user's registered credentials (a second factor, or a sign-in on their own when the
-- authenticator verified the user), and the challenges handed out for registering and signing in. A
-- challenge is stored only as its hash, is spent once and lives five minutes; one issued for a sign-in
-- without a password names no user, since the passkey itself says whose it is.

CREATE TABLE webauthn_credentials (
  -- The credential id as the authenticator made it, base64url (the spec allows up to 1023 bytes).
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 1366 AND id ~ '^[A-Za-z0-9_-]+$'),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The COSE public key: not a secret, but the only thing a signature is checked against.
  public_key bytea NOT NULL,
  -- The authenticator's signature counter; 0 for those that keep none (most synced passkeys).
  counter bigint NOT NULL DEFAULT 0 CHECK (counter >= 0),
  transports text[] NOT NULL DEFAULT '{}',
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);
CREATE INDEX webauthn_credentials_user_idx ON webauthn_credentials (user_id);

CREATE TABLE webauthn_challenges (
  challenge_hash text PRIMARY KEY CHECK (challenge_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('register', 'authenticate')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  -- Only a sign-in may start without knowing who signs in; a registration is always for someone.
  CHECK (user_id IS NOT NULL OR purpose = 'authenticate')
);
-- Expired challenges are purged as new ones are handed out.
CREATE INDEX webauthn_challenges_expiry_idx ON webauthn_challenges (expires_at);
