-- depends: 0007.rate-limit-windows
-- Sessions that end, and one spelling of an email.
--
-- users.sessions_ended_at: access tokens issued before it are refused, whichever
-- provider issued them (sign-out, sign-out everywhere, a password reset).
ALTER TABLE users ADD COLUMN sessions_ended_at timestamptz;

-- Emails are normalised by the API before they are stored or looked up
-- (services/auth/fields.py), so the database compares them as they are.
UPDATE local_identities SET email = lower(email) WHERE email <> lower(email);
DROP INDEX local_identities_email_lower_key;
CREATE UNIQUE INDEX local_identities_email_key ON local_identities (email);
UPDATE dev_outbox SET email = lower(email) WHERE email <> lower(email);
DROP INDEX dev_outbox_email_idx;
CREATE INDEX dev_outbox_email_idx ON dev_outbox (email, id DESC);

-- A refresh token is used once: each use issues the next one of its family.
-- Using one twice ends the family (someone else has a copy).
ALTER TABLE local_refresh_tokens ADD COLUMN family uuid;
UPDATE local_refresh_tokens SET family = gen_random_uuid();
ALTER TABLE local_refresh_tokens ALTER COLUMN family SET NOT NULL;
ALTER TABLE local_refresh_tokens ADD COLUMN used_at timestamptz;
CREATE INDEX local_refresh_tokens_family_idx ON local_refresh_tokens (family);

-- Pending sign-ups are found by age to free their email and handle.
CREATE INDEX local_identities_pending_idx ON local_identities (created_at) WHERE confirmed_at IS NULL;
