-- The caller of a request, with the moment their earlier sessions ended.
SELECT uuid, handle, display_name, extract(epoch FROM sessions_ended_at)::float8 AS sessions_ended_at
FROM users
WHERE cognito_user_id = %(cognito_user_id)s
