-- Like a live crud, once: the count goes up only when the like is new, and
-- the author hears of it. No row when the crud is gone or hidden from the
-- person (visible_activities).
WITH target AS (
  SELECT uuid, user_uuid FROM visible_activities(%(user_uuid)s) WHERE uuid = %(activity_uuid)s
),
added AS (
  INSERT INTO likes (activity_uuid, user_uuid)
  SELECT uuid, %(user_uuid)s FROM target
  ON CONFLICT DO NOTHING
  RETURNING activity_uuid
),
counted AS (
  UPDATE activities a SET likes_count = a.likes_count + 1
  FROM added WHERE a.uuid = added.activity_uuid
  RETURNING a.likes_count
),
notified AS (
  INSERT INTO notifications (recipient_user_uuid, actor_user_uuid, kind, activity_uuid)
  SELECT t.user_uuid, %(user_uuid)s, 'like', t.uuid
  FROM target t, added
  WHERE t.user_uuid <> %(user_uuid)s
  ON CONFLICT DO NOTHING
  RETURNING recipient_user_uuid
)
SELECT coalesce((SELECT likes_count FROM counted), a.likes_count) AS count,
  (SELECT recipient_user_uuid FROM notified) AS notified_uuid
FROM target t JOIN activities a ON a.uuid = t.uuid
