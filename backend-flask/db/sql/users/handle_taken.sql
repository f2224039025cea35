SELECT EXISTS (SELECT 1 FROM users WHERE lower(handle) = lower(%(handle)s))
    OR EXISTS (SELECT 1 FROM local_identities WHERE lower(handle) = lower(%(handle)s))
