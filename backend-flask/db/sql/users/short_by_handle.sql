-- The few facts shown next to a name, found by handle regardless of case.
SELECT json_build_object(
  'uuid', u.uuid,
  'handle', u.handle,
  'display_name', u.display_name,
  'avatar_url', avatar_url(u.avatar_key, u.handle, 128)
)::text
FROM users u
WHERE lower(u.handle) = lower(%(handle)s)
