-- Block a person, once: follows between the two end (both people's counts
-- kept exact, one UPDATE taking the rows' locks in key order, as follows do).
-- The blocked person's uuid; no row when nobody has the handle.
WITH target AS (
  SELECT uuid FROM users WHERE lower(handle) = lower(%(handle)s)
),
added AS (
  INSERT INTO blocks (blocker_uuid, blocked_uuid)
  SELECT %(user_uuid)s, uuid FROM target WHERE uuid <> %(user_uuid)s
  ON CONFLICT DO NOTHING
  RETURNING blocker_uuid, blocked_uuid
),
unfollowed AS (
  DELETE FROM follows f
  USING added b
  WHERE (f.follower_uuid, f.followed_uuid) IN ((b.blocker_uuid, b.blocked_uuid), (b.blocked_uuid, b.blocker_uuid))
  RETURNING f.follower_uuid, f.followed_uuid
),
counted AS (
  UPDATE users u SET
    followers_count = u.followers_count - (SELECT count(*) FROM unfollowed f WHERE f.followed_uuid = u.uuid),
    following_count = u.following_count - (SELECT count(*) FROM unfollowed f WHERE f.follower_uuid = u.uuid)
  FROM added b
  WHERE u.uuid = ANY (ARRAY[b.blocker_uuid, b.blocked_uuid])
    AND EXISTS (SELECT FROM unfollowed)
)
SELECT uuid FROM target
