-- One batch of rate-limit windows that have ended (a key seen again starts a new one).
DELETE FROM rate_limit_windows
WHERE key IN (
  SELECT key FROM rate_limit_windows WHERE expires_at <= now() LIMIT %(batch)s FOR UPDATE SKIP LOCKED
)
