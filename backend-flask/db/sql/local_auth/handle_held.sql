-- A handle is held by a person, or by someone else's sign-up still within its day.
SELECT EXISTS (SELECT 1 FROM users WHERE lower(handle) = lower(%(handle)s))
    OR EXISTS (
      SELECT 1 FROM local_identities
      WHERE lower(handle) = lower(%(handle)s)
        AND (confirmed_at IS NOT NULL
             OR (email <> %(email)s AND created_at > now() - make_interval(secs => %(pending_seconds)s)))
    )
