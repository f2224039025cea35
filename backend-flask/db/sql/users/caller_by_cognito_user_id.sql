-- The caller of a request: the moment their earlier sessions ended, their
-- role, and until when they are suspended (NULL for not; 'infinity' for
-- until lifted).
SELECT uuid, handle, display_name, role, extract(epoch FROM sessions_ended_at)::float8 AS sessions_ended_at,
  CASE WHEN suspended_until > now() THEN extract(epoch FROM suspended_until)::float8 END AS suspended_until
FROM users
WHERE cognito_user_id = %(cognito_user_id)s
