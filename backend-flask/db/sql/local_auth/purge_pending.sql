-- Sign-ups never confirmed within their day free their email and handle.
DELETE FROM local_identities
WHERE confirmed_at IS NULL AND created_at <= now() - make_interval(secs => %(pending_seconds)s)
