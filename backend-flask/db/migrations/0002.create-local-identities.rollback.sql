DROP TABLE dev_outbox;
DROP TABLE local_refresh_tokens;
DROP TABLE local_codes;
DROP TABLE local_identities;
