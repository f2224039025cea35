-- Take a like back: the count goes down only when there was a like, and its
-- notification goes. No row when the crud is gone.
WITH target AS (
  SELECT uuid FROM activities WHERE uuid = %(activity_uuid)s AND expires_at > now()
),
removed AS (
  DELETE FROM likes
  WHERE activity_uuid IN (SELECT uuid FROM target) AND user_uuid = %(user_uuid)s
  RETURNING activity_uuid
),
counted AS (
  UPDATE activities a SET likes_count = a.likes_count - 1
  FROM removed WHERE a.uuid = removed.activity_uuid
  RETURNING a.likes_count
),
unnotified AS (
  DELETE FROM notifications
  WHERE kind = 'like' AND actor_user_uuid = %(user_uuid)s AND activity_uuid IN (SELECT activity_uuid FROM removed)
)
SELECT coalesce((SELECT likes_count FROM counted), a.likes_count) AS count
FROM target t JOIN activities a ON a.uuid = t.uuid
