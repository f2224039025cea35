-- The people of open streams as the caller check reads them
-- (users/caller_by_cognito_user_id): whether their sessions ended, or they
-- were suspended, since their stream opened.
SELECT cognito_user_id, uuid, handle, display_name, role,
  extract(epoch FROM sessions_ended_at)::float8 AS sessions_ended_at,
  CASE WHEN suspended_until > now() THEN extract(epoch FROM suspended_until)::float8 END AS suspended_until
FROM users
WHERE cognito_user_id = ANY (%(cognito_user_ids)s::text[])
