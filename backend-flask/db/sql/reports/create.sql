-- Report a crud (activity_uuid) or a person (handle): at most one open report
-- per reporter and target. A crud's report keeps a snapshot of it as it is now
-- (its crud when it is a reply, and the first replies of the thread), and holds its thread:
-- the purge leaves the thread to the moderators while the report is open.
-- One row: the target found (`target_user_uuid`; none when there is no such
-- crud or person, or they blocked the reporter) and the report, when it is new.
WITH found AS (
  SELECT a.user_uuid AS target_user_uuid, a.uuid AS activity_uuid,
    coalesce(a.reply_to_activity_uuid, a.uuid) AS thread_uuid,
    json_build_object(
      'activity', activity_json(a, author, false, false),
      'parent', (SELECT activity_json(p, pu, false, false)
                 FROM activities p JOIN users pu ON pu.uuid = p.user_uuid
                 WHERE p.uuid = a.reply_to_activity_uuid),
      'replies', (SELECT coalesce(json_agg(activity_json(r, ru, false, false) ORDER BY r.created_at, r.uuid), '[]')
                  FROM (SELECT * FROM activities WHERE reply_to_activity_uuid = coalesce(a.reply_to_activity_uuid, a.uuid)
                        ORDER BY created_at, uuid LIMIT 20) r
                  JOIN users ru ON ru.uuid = r.user_uuid)) AS snapshot
  FROM activities a
  JOIN users author ON author.uuid = a.user_uuid
  WHERE %(activity_uuid)s::uuid IS NOT NULL
    AND a.uuid = %(activity_uuid)s::uuid
    AND a.expires_at > now()
    AND a.removed_at IS NULL
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = a.user_uuid AND b.blocked_uuid = %(user_uuid)s)
  UNION ALL
  SELECT u.uuid, NULL, NULL, NULL
  FROM users u
  WHERE %(activity_uuid)s::uuid IS NULL
    AND lower(u.handle) = lower(%(handle)s)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = u.uuid AND b.blocked_uuid = %(user_uuid)s)
),
added AS (
  INSERT INTO reports (reporter_uuid, target_user_uuid, activity_uuid, thread_uuid, reason, comment, snapshot)
  SELECT %(user_uuid)s, target_user_uuid, activity_uuid, thread_uuid, %(reason)s, %(comment)s, snapshot
  FROM found
  WHERE target_user_uuid <> %(user_uuid)s
  ON CONFLICT DO NOTHING
  RETURNING uuid, reason, created_at, thread_uuid
),
held AS (
  UPDATE activities SET held_until = 'infinity'
  FROM added WHERE activities.uuid = added.thread_uuid
)
SELECT f.target_user_uuid,
  (SELECT json_build_object('uuid', uuid, 'reason', reason, 'created_at', iso_time(created_at)) FROM added)::text AS report
FROM found f
