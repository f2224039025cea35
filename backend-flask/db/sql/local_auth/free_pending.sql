-- Before a sign-up: a pending one with the same email is replaced, and one
-- that holds the handle is dropped once it is past its day.
DELETE FROM local_identities
WHERE confirmed_at IS NULL
  AND (email = %(email)s
       OR (lower(handle) = lower(%(handle)s) AND created_at <= now() - make_interval(secs => %(pending_seconds)s)))
