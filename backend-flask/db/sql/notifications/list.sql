-- The recipient's notifications, newest first, as one page of JSON with the
-- unread count: follows, and replies to, likes and reposts of live cruds.
SELECT keyset_page_with(
  json_build_object('unread_count', (
    SELECT count(*)
    FROM notifications un LEFT JOIN activities ua ON ua.uuid = un.activity_uuid
    WHERE un.recipient_user_uuid = (SELECT uuid FROM caller) AND un.read_at IS NULL
      AND (un.activity_uuid IS NULL OR ua.expires_at > now()))),
  array_agg(json_build_object(
      'uuid', n.uuid,
      'kind', n.kind,
      'created_at', iso_time(n.created_at),
      'read', n.read_at IS NOT NULL,
      'actor', json_build_object(
        'handle', actor.handle,
        'display_name', actor.display_name,
        'avatar_url', avatar_url(actor.avatar_key, actor.handle, 128)),
      'activity', CASE WHEN a.uuid IS NOT NULL
        THEN json_build_object('uuid', a.uuid, 'message', a.message, 'handle', owner.handle) END,
      'reply', CASE WHEN reply.uuid IS NOT NULL
        THEN json_build_object('uuid', reply.uuid, 'message', reply.message) END
    ) ORDER BY n.created_at DESC, n.uuid DESC),
  %(limit)s)
FROM (
  SELECT n.*
  FROM notifications n
  LEFT JOIN activities a ON a.uuid = n.activity_uuid
  WHERE n.recipient_user_uuid = (SELECT uuid FROM caller)
    AND (n.activity_uuid IS NULL OR a.expires_at > now())
    AND (n.created_at, n.uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY n.created_at DESC, n.uuid DESC
  LIMIT %(limit)s + 1
) n
LEFT JOIN activities a ON a.uuid = n.activity_uuid
LEFT JOIN users owner ON owner.uuid = a.user_uuid
JOIN users actor ON actor.uuid = n.actor_user_uuid
LEFT JOIN activities reply ON reply.uuid = n.reply_activity_uuid
