-- The signed-in person's own profile, as JSON.
SELECT json_build_object(
  'uuid', u.uuid,
  'handle', u.handle,
  'display_name', u.display_name,
  'bio', u.bio,
  'avatar_url', avatar_url(u.avatar_key, u.handle, 128),
  'avatar_url_large', avatar_url(u.avatar_key, u.handle, 512),
  'followers_count', u.followers_count,
  'following_count', u.following_count,
  'role', u.role
)::text
FROM users u
WHERE u.uuid = %(user_uuid)s
