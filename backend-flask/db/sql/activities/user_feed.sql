-- A person's page, found by handle regardless of case: their public profile and
-- one page of their live top-level cruds, newest first, as one JSON object;
-- null when nobody has the handle, or the caller may not see them
-- (visible_people: suspended, or they blocked the caller). Someone the caller
-- blocked shows with no cruds, so that they can be unblocked.
SELECT keyset_page_with(
  json_build_object('profile', json_build_object(
    'uuid', p.uuid,
    'handle', p.handle,
    'display_name', p.display_name,
    'bio', p.bio,
    'avatar_url', avatar_url(p.avatar_key, p.handle, 128),
    'avatar_url_large', avatar_url(p.avatar_key, p.handle, 512),
    'cruds_count', (
      SELECT count(*) FROM live_activities() c
      WHERE c.user_uuid = p.uuid AND c.reply_to_activity_uuid IS NULL AND mine.blocked_uuid IS NULL),
    'followers_count', p.followers_count,
    'following_count', p.following_count,
    'followed_by_me', EXISTS (
      SELECT 1 FROM follows m WHERE m.follower_uuid = (SELECT uuid FROM caller) AND m.followed_uuid = p.uuid),
    'follows_me', EXISTS (
      SELECT 1 FROM follows m WHERE m.follower_uuid = p.uuid AND m.followed_uuid = (SELECT uuid FROM caller)),
    'blocking', mine.blocked_uuid IS NOT NULL,
    'muting', muted.muted_uuid IS NOT NULL,
    'muted_until', iso_time(nullif(muted.until, 'infinity')),
    'created_at', iso_time(p.created_at))),
  array_agg(
    activity_json(a::activities, p, l.user_uuid IS NOT NULL, r.user_uuid IS NOT NULL)
    ORDER BY a.created_at DESC, a.uuid DESC) FILTER (WHERE a.uuid IS NOT NULL),
  %(limit)s)
FROM users p
LEFT JOIN blocks mine ON mine.blocker_uuid = %(viewer_uuid)s::uuid AND mine.blocked_uuid = p.uuid
LEFT JOIN LATERAL (
  SELECT m.muted_uuid, coalesce(m.until, 'infinity') AS until
  FROM mutes m
  WHERE m.muter_uuid = %(viewer_uuid)s::uuid AND m.muted_uuid = p.uuid AND (m.until IS NULL OR m.until > now())
) muted ON true
LEFT JOIN LATERAL (
  SELECT *
  FROM live_activities()
  WHERE user_uuid = p.uuid
    AND mine.blocked_uuid IS NULL
    AND reply_to_activity_uuid IS NULL
    AND (created_at, uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY created_at DESC, uuid DESC
  LIMIT %(limit)s + 1
) a ON true
LEFT JOIN likes l ON l.activity_uuid = a.uuid AND l.user_uuid = (SELECT uuid FROM caller)
LEFT JOIN reposts r ON r.activity_uuid = a.uuid AND r.user_uuid = (SELECT uuid FROM caller)
WHERE lower(p.handle) = lower(%(handle)s)
  AND (EXISTS (SELECT FROM visible_people(%(viewer_uuid)s::uuid) v WHERE v.uuid = p.uuid)
       OR (mine.blocked_uuid IS NOT NULL AND coalesce(p.suspended_until <= now(), true)))
GROUP BY p.uuid, mine.blocked_uuid, muted.muted_uuid, muted.until
