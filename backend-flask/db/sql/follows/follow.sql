-- Follow a person, once: both counts go up only when the follow is new (one
-- UPDATE takes the two rows' locks in key order, so crossing follows cannot
-- deadlock), and they hear of it. The followed person's uuid and exact count;
-- no row when nobody has the handle (or they are hidden from the follower:
-- visible_people), and no follow of oneself; `notified_uuid` when they were
-- notified now.
WITH target AS (
  SELECT uuid FROM visible_people(%(user_uuid)s) WHERE lower(handle) = lower(%(handle)s)
),
added AS (
  INSERT INTO follows (follower_uuid, followed_uuid)
  SELECT %(user_uuid)s, uuid FROM target WHERE uuid <> %(user_uuid)s
  ON CONFLICT DO NOTHING
  RETURNING follower_uuid, followed_uuid
),
counted AS (
  UPDATE users u SET
    followers_count = u.followers_count + (u.uuid = f.followed_uuid)::int,
    following_count = u.following_count + (u.uuid = f.follower_uuid)::int
  FROM added f
  WHERE u.uuid = ANY (ARRAY[f.follower_uuid, f.followed_uuid])
  RETURNING u.uuid, u.followers_count
),
notified AS (
  INSERT INTO notifications (recipient_user_uuid, actor_user_uuid, kind)
  SELECT followed_uuid, follower_uuid, 'follow' FROM added
  ON CONFLICT DO NOTHING
  RETURNING recipient_user_uuid
)
SELECT t.uuid, coalesce((SELECT c.followers_count FROM counted c WHERE c.uuid = t.uuid), u.followers_count) AS followers_count,
  (SELECT recipient_user_uuid FROM notified) AS notified_uuid
FROM target t JOIN users u ON u.uuid = t.uuid
