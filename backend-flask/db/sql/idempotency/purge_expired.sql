-- One batch of idempotency keys past their lifetime, oldest first.
DELETE FROM idempotency_keys
WHERE (user_uuid, key) IN (
  SELECT user_uuid, key FROM idempotency_keys
  WHERE created_at <= now() - %(lifetime)s::interval
  ORDER BY created_at LIMIT %(batch)s FOR UPDATE SKIP LOCKED
)
