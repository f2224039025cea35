-- Delete the author's own live crud or reply: a crud's replies, likes, reposts
-- and notifications go with it (by cascade), and a reply's crud counts one
-- reply less. The deleted uuid; no row when it is not theirs, or gone.
WITH deleted AS (
  DELETE FROM activities
  WHERE uuid = %(activity_uuid)s AND user_uuid = %(user_uuid)s AND expires_at > now()
  RETURNING uuid, reply_to_activity_uuid
),
counted AS (
  UPDATE activities p SET replies_count = p.replies_count - 1
  FROM deleted d WHERE p.uuid = d.reply_to_activity_uuid
)
SELECT uuid FROM deleted
