-- One batch of refresh tokens past their expiry. Spent ones are kept until then,
-- so that a second use of one is still recognised (and ends its family).
DELETE FROM local_refresh_tokens
WHERE token_hash IN (
  SELECT token_hash FROM local_refresh_tokens WHERE expires_at <= now() LIMIT %(batch)s FOR UPDATE SKIP LOCKED
)
