-- One batch of expired activities (their replies, likes, reposts and
-- notifications go with them by cascade), except the threads held for the
-- moderators: a thread is held on its first crud, until held_until.
DELETE FROM activities
WHERE uuid IN (
  SELECT a.uuid
  FROM activities a
  LEFT JOIN activities thread ON thread.uuid = a.reply_to_activity_uuid
  WHERE a.expires_at <= now()
    AND coalesce(CASE WHEN a.reply_to_activity_uuid IS NULL THEN a.held_until ELSE thread.held_until END,
                 '-infinity') <= now()
  ORDER BY a.expires_at
  LIMIT %(batch)s
  FOR UPDATE OF a SKIP LOCKED
)
