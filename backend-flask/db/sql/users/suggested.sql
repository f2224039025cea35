-- People for the caller to follow, as JSON: first those most followed by the
-- people the caller follows (their newest 50 follows, and each one's newest
-- 50: a bounded sample, however many they follow), then the most-followed
-- people with a live crud; never the caller nor anyone they follow, and only
-- people the caller's suggestions may show (timeline_people). Without a
-- caller, the most-followed people with a live crud.
WITH me AS (
  SELECT uuid FROM caller
),
known AS (
  SELECT uuid FROM me
  UNION ALL
  SELECT f.followed_uuid FROM follows f WHERE f.follower_uuid = (SELECT uuid FROM me)
),
near AS (
  SELECT ff.followed_uuid AS uuid, count(*) AS weight
  FROM (
    SELECT followed_uuid FROM follows
    WHERE follower_uuid = (SELECT uuid FROM me)
    ORDER BY created_at DESC
    LIMIT 50
  ) mine
  CROSS JOIN LATERAL (
    SELECT followed_uuid FROM follows
    WHERE follower_uuid = mine.followed_uuid
    ORDER BY created_at DESC
    LIMIT 50
  ) ff
  WHERE ff.followed_uuid NOT IN (SELECT uuid FROM known)
    AND EXISTS (SELECT FROM timeline_people(%(viewer_uuid)s::uuid) v WHERE v.uuid = ff.followed_uuid)
  GROUP BY ff.followed_uuid
  ORDER BY weight DESC, ff.followed_uuid
  LIMIT %(limit)s
),
popular AS (
  SELECT u.uuid
  FROM timeline_people(%(viewer_uuid)s::uuid) u
  WHERE u.uuid NOT IN (SELECT uuid FROM known)
    AND u.uuid NOT IN (SELECT uuid FROM near)
    AND EXISTS (
      SELECT 1 FROM visible_activities(%(viewer_uuid)s::uuid) a
      WHERE a.user_uuid = u.uuid AND a.reply_to_activity_uuid IS NULL)
  ORDER BY u.followers_count DESC, u.uuid
  LIMIT %(limit)s
),
picked AS (
  SELECT uuid, 1 AS rank_group, weight FROM near
  UNION ALL
  SELECT uuid, 2, 0 FROM popular
)
SELECT json_build_object('items', coalesce(json_agg(
    person_json(p, false,
      EXISTS (SELECT 1 FROM follows m WHERE m.follower_uuid = p.uuid AND m.followed_uuid = (SELECT uuid FROM me)))
    ORDER BY s.rank_group, s.weight DESC, p.followers_count DESC, p.uuid), '[]'))::text
FROM (SELECT * FROM picked ORDER BY rank_group, weight DESC LIMIT %(limit)s) s
JOIN users p ON p.uuid = s.uuid
