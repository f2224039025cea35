-- One batch of sign-ups never confirmed within their day: their email and handle are free again.
DELETE FROM local_identities
WHERE sub IN (
  SELECT sub FROM local_identities
  WHERE confirmed_at IS NULL AND created_at <= now() - make_interval(secs => %(pending_seconds)s)
  LIMIT %(batch)s FOR UPDATE SKIP LOCKED
)
