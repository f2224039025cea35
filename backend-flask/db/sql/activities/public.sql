-- The public timeline: everyone's top-level cruds the caller's timelines
-- show, newest first, as one page of JSON.
SELECT keyset_page(array_agg(
    activity_json(a::activities, u, l.user_uuid IS NOT NULL, r.user_uuid IS NOT NULL)
    ORDER BY a.created_at DESC, a.uuid DESC), %(limit)s)::text
FROM (
  SELECT *
  FROM timeline_activities(%(viewer_uuid)s::uuid)
  WHERE reply_to_activity_uuid IS NULL
    AND (created_at, uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY created_at DESC, uuid DESC
  LIMIT %(limit)s + 1
) a
JOIN users u ON u.uuid = a.user_uuid
LEFT JOIN likes l ON l.activity_uuid = a.uuid AND l.user_uuid = (SELECT uuid FROM caller)
LEFT JOIN reposts r ON r.activity_uuid = a.uuid AND r.user_uuid = (SELECT uuid FROM caller)
