-- A person's page, found by handle regardless of case: their public profile and
-- one page of their live top-level cruds, newest first, as one JSON object;
-- null when nobody has the handle.
SELECT keyset_page_with(
  json_build_object('profile', json_build_object(
    'uuid', p.uuid,
    'handle', p.handle,
    'display_name', p.display_name,
    'bio', p.bio,
    'avatar_url', avatar_url(p.avatar_key, p.handle, 128),
    'avatar_url_large', avatar_url(p.avatar_key, p.handle, 512),
    'cruds_count', (
      SELECT count(*) FROM activities c
      WHERE c.user_uuid = p.uuid AND c.reply_to_activity_uuid IS NULL AND c.expires_at > now()),
    'followers_count', p.followers_count,
    'following_count', p.following_count,
    'followed_by_me', EXISTS (
      SELECT 1 FROM follows m WHERE m.follower_uuid = (SELECT uuid FROM caller) AND m.followed_uuid = p.uuid),
    'follows_me', EXISTS (
      SELECT 1 FROM follows m WHERE m.follower_uuid = p.uuid AND m.followed_uuid = (SELECT uuid FROM caller)),
    'created_at', iso_time(p.created_at))),
  array_agg(
    activity_json(a::activities, p, l.user_uuid IS NOT NULL, r.user_uuid IS NOT NULL)
    ORDER BY a.created_at DESC, a.uuid DESC) FILTER (WHERE a.uuid IS NOT NULL),
  %(limit)s)
FROM users p
LEFT JOIN LATERAL (
  SELECT *
  FROM activities
  WHERE user_uuid = p.uuid
    AND reply_to_activity_uuid IS NULL
    AND expires_at > now()
    AND (created_at, uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY created_at DESC, uuid DESC
  LIMIT %(limit)s + 1
) a ON true
LEFT JOIN likes l ON l.activity_uuid = a.uuid AND l.user_uuid = (SELECT uuid FROM caller)
LEFT JOIN reposts r ON r.activity_uuid = a.uuid AND r.user_uuid = (SELECT uuid FROM caller)
WHERE lower(p.handle) = lower(%(handle)s)
GROUP BY p.uuid
