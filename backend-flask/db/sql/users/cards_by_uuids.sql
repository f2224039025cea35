-- Name and avatar of several people at once, for the message views.
SELECT uuid, handle, display_name, avatar_url(avatar_key, handle, 128) AS avatar_url
FROM users
WHERE uuid = ANY(%(uuids)s::uuid[])
