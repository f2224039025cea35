-- A person's live idempotency key: what it was used for, and the answer kept under it
-- (none yet while a claimed write is unfinished).
SELECT request_hash, status, response, created_at
FROM idempotency_keys
WHERE user_uuid = %(user_uuid)s AND key = %(key)s AND created_at > now() - %(lifetime)s::interval
