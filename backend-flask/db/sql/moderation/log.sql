-- The audit log: every moderator's action, newest first, as one page of JSON.
SELECT keyset_page(
  array_agg(json_build_object(
      'uuid', m.uuid,
      'action', m.action,
      'reason', m.reason,
      'created_at', iso_time(m.created_at),
      'moderator', json_build_object(
        'handle', moderator.handle,
        'display_name', moderator.display_name,
        'avatar_url', avatar_url(moderator.avatar_key, moderator.handle, 128)),
      'target', json_build_object(
        'handle', target.handle,
        'display_name', target.display_name,
        'avatar_url', avatar_url(target.avatar_key, target.handle, 128)),
      'activity_uuid', m.activity_uuid,
      'report_uuid', m.report_uuid,
      'suspended_until', iso_time(nullif(m.suspended_until, 'infinity')))
    ORDER BY m.created_at DESC, m.uuid DESC),
  %(limit)s)::text
FROM (
  SELECT *
  FROM moderation_actions
  WHERE (created_at, uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY created_at DESC, uuid DESC
  LIMIT %(limit)s + 1
) m
JOIN users moderator ON moderator.uuid = m.moderator_uuid
JOIN users target ON target.uuid = m.target_user_uuid
