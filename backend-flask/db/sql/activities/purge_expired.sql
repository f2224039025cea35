-- One batch of expired activities (their replies, likes, reposts and
-- notifications go with them by cascade).
DELETE FROM activities
WHERE uuid IN (
  SELECT uuid FROM activities WHERE expires_at <= now() ORDER BY expires_at LIMIT %(batch)s FOR UPDATE SKIP LOCKED
)
