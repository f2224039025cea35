-- The recipient's notifications that they may see (shown_notifications),
-- newest first, as one page of JSON with the unread count: follows, and
-- replies to, likes and reposts of their cruds.
SELECT keyset_page_with(
  json_build_object('unread_count', (
    SELECT count(*)
    FROM shown_notifications(%(viewer_uuid)s::uuid) un
    WHERE un.read_at IS NULL)),
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
  FROM shown_notifications(%(viewer_uuid)s::uuid) n
  WHERE (n.created_at, n.uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY n.created_at DESC, n.uuid DESC
  LIMIT %(limit)s + 1
) n
LEFT JOIN visible_activities(%(viewer_uuid)s::uuid) a ON a.uuid = n.activity_uuid
LEFT JOIN users owner ON owner.uuid = a.user_uuid
JOIN users actor ON actor.uuid = n.actor_user_uuid
LEFT JOIN visible_activities(%(viewer_uuid)s::uuid) reply ON reply.uuid = n.reply_activity_uuid
