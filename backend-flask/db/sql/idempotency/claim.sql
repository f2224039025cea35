-- Takes a person's idempotency key, with the answer when the write is done (in the
-- write's own transaction) or without (a claim, before a write PostgreSQL cannot
-- share). Returns the key's time; no row when the key is taken and still live.
INSERT INTO idempotency_keys AS k (user_uuid, key, request_hash, status, response)
VALUES (%(user_uuid)s, %(key)s, %(request_hash)s, %(status)s, %(response)s)
ON CONFLICT (user_uuid, key) DO UPDATE
SET request_hash = EXCLUDED.request_hash, status = EXCLUDED.status, response = EXCLUDED.response,
  created_at = EXCLUDED.created_at
WHERE k.created_at <= now() - %(lifetime)s::interval
RETURNING created_at
