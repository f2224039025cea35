-- A user's public profile, found by handle regardless of case: their uuid
-- (for the feed query) and the profile as JSON.
SELECT u.uuid, json_build_object(
  'uuid', u.uuid,
  'handle', u.handle,
  'display_name', u.display_name,
  'bio', u.bio,
  'avatar_url', avatar_url(u.avatar_key, u.handle, 128),
  'avatar_url_large', avatar_url(u.avatar_key, u.handle, 512),
  'cruds_count', (
    SELECT count(*) FROM activities a
    WHERE a.user_uuid = u.uuid AND a.reply_to_activity_uuid IS NULL AND a.expires_at > now()),
  'created_at', iso_time(u.created_at)
)::text AS profile
FROM users u
WHERE lower(u.handle) = lower(%(handle)s)
