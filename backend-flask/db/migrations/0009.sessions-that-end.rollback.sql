DROP INDEX local_identities_pending_idx;
DROP INDEX local_refresh_tokens_family_idx;
ALTER TABLE local_refresh_tokens DROP COLUMN used_at;
ALTER TABLE local_refresh_tokens DROP COLUMN family;
DROP INDEX dev_outbox_email_idx;
CREATE INDEX dev_outbox_email_idx ON dev_outbox (lower(email), id DESC);
DROP INDEX local_identities_email_key;
CREATE UNIQUE INDEX local_identities_email_lower_key ON local_identities (lower(email));
ALTER TABLE users DROP COLUMN sessions_ended_at;
