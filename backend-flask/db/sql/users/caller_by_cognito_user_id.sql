-- The caller of a request, with the moment their earlier sessions ended, and
-- the content version read in the same round trip (lib/read_cache.py uses it
-- rather than asking again).
SELECT uuid, handle, display_name, extract(epoch FROM sessions_ended_at)::float8 AS sessions_ended_at,
       (SELECT sum(version)::bigint FROM content_versions) AS content_version
FROM users
WHERE cognito_user_id = %(cognito_user_id)s
