-- Stop following a person: both counts go down only when there was a follow,
-- and its notification goes. The person's uuid and exact followers count; no
-- row when nobody has the handle.
WITH target AS (
  SELECT uuid FROM users WHERE lower(handle) = lower(%(handle)s)
),
removed AS (
  DELETE FROM follows
  WHERE follower_uuid = %(user_uuid)s AND followed_uuid IN (SELECT uuid FROM target)
  RETURNING follower_uuid, followed_uuid
),
counted AS (
  UPDATE users u SET
    followers_count = u.followers_count - (u.uuid = f.followed_uuid)::int,
    following_count = u.following_count - (u.uuid = f.follower_uuid)::int
  FROM removed f
  WHERE u.uuid = ANY (ARRAY[f.follower_uuid, f.followed_uuid])
  RETURNING u.uuid, u.followers_count
),
unnotified AS (
  DELETE FROM notifications n
  USING removed f
  WHERE n.kind = 'follow' AND n.actor_user_uuid = f.follower_uuid AND n.recipient_user_uuid = f.followed_uuid
)
SELECT t.uuid, coalesce((SELECT c.followers_count FROM counted c WHERE c.uuid = t.uuid), u.followers_count) AS followers_count
FROM target t JOIN users u ON u.uuid = t.uuid
