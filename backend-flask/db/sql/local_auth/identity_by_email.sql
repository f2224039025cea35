SELECT sub, email, handle, display_name, password_hash, confirmed_at IS NOT NULL AS confirmed
FROM local_identities
WHERE email = %(email)s
  AND (confirmed_at IS NOT NULL OR created_at > now() - make_interval(secs => %(pending_seconds)s))
