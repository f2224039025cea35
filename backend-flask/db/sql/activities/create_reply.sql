-- A reply to a live crud: it expires with the crud, the crud's reply count
-- goes up, and the crud's author is notified. No row when the crud is gone
-- or hidden from the person replying (visible_activities).
WITH parent AS (
  UPDATE activities
  SET replies_count = replies_count + 1
  WHERE uuid = (SELECT uuid FROM visible_activities(%(user_uuid)s) WHERE uuid = %(parent_uuid)s)
  RETURNING uuid, user_uuid, expires_at
),
created AS (
  INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, expires_at)
  SELECT %(user_uuid)s, %(message)s, uuid, expires_at FROM parent
  RETURNING *
),
notified AS (
  INSERT INTO notifications (recipient_user_uuid, actor_user_uuid, kind, activity_uuid, reply_activity_uuid)
  SELECT p.user_uuid, c.user_uuid, 'reply', p.uuid, c.uuid
  FROM parent p, created c
  WHERE p.user_uuid <> c.user_uuid
  RETURNING recipient_user_uuid
)
SELECT activity_json(c::activities, u, false, false)::text AS reply, (SELECT recipient_user_uuid FROM notified) AS notified_uuid
FROM created c
JOIN users u ON u.uuid = c.user_uuid
