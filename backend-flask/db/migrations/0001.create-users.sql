-- depends:
-- People: one row per confirmed identity (a Cognito or local-provider `sub`).
CREATE TABLE users (
  uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cognito_user_id text NOT NULL,
  handle text NOT NULL CHECK (handle ~ '^[A-Za-z0-9_]{3,30}$'),
  email text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
  display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 50),
  bio text NOT NULL DEFAULT '' CHECK (char_length(bio) <= 160),
  avatar_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_cognito_user_id_key ON users (cognito_user_id);
CREATE UNIQUE INDEX users_handle_lower_key ON users (lower(handle));
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
