-- depends: 0001.create-users
-- The local identity provider (AUTH_PROVIDER=local): accounts, one-time codes,
-- refresh tokens, and the development outbox. Unused with Cognito.
CREATE TABLE local_identities (
  sub uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
  handle text NOT NULL CHECK (handle ~ '^[A-Za-z0-9_]{3,30}$'),
  display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 50),
  password_hash text NOT NULL,
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX local_identities_email_lower_key ON local_identities (lower(email));
CREATE UNIQUE INDEX local_identities_handle_lower_key ON local_identities (lower(handle));

-- At most one live code per identity and purpose; stored hashed.
CREATE TABLE local_codes (
  sub uuid NOT NULL REFERENCES local_identities (sub) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('confirm', 'reset')),
  code_hash text NOT NULL,
  attempts_left integer NOT NULL CHECK (attempts_left >= 0),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (sub, purpose)
);

CREATE TABLE local_refresh_tokens (
  token_hash text PRIMARY KEY,
  sub uuid NOT NULL REFERENCES local_identities (sub) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX local_refresh_tokens_sub_idx ON local_refresh_tokens (sub);

-- Development only: the emails the local provider would have sent.
CREATE TABLE dev_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  purpose text NOT NULL,
  code text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dev_outbox_email_idx ON dev_outbox (lower(email), id DESC);
