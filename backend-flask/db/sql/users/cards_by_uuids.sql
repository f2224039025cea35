-- Name and avatar of several people at once, for the message views: a JSON
-- object by uuid, of those the caller may see.
SELECT coalesce(json_object_agg(uuid, json_build_object(
  'handle', handle,
  'display_name', display_name,
  'avatar_url', avatar_url(avatar_key, handle, 128))), '{}')::text
FROM visible_people(%(viewer_uuid)s::uuid)
WHERE uuid = ANY(%(uuids)s::uuid[])
