-- The few facts shown next to a name, found by handle regardless of case,
-- of someone the caller may see.
SELECT json_build_object(
  'uuid', u.uuid,
  'handle', u.handle,
  'display_name', u.display_name,
  'avatar_url', avatar_url(u.avatar_key, u.handle, 128)
)::text
FROM visible_people(%(viewer_uuid)s::uuid) u
WHERE lower(u.handle) = lower(%(handle)s)
