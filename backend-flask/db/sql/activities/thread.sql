-- A live crud or reply, by its author's handle and its uuid, with one page of
-- its live replies, oldest first, as one JSON object; null when there is no
-- such crud (unknown, expired, or not that person's).
SELECT keyset_page_with(
  json_build_object('activity', activity_json(t, tu, tl.user_uuid IS NOT NULL, tr.user_uuid IS NOT NULL)),
  array_agg(
    activity_json(a::activities, u, l.user_uuid IS NOT NULL, r.user_uuid IS NOT NULL)
    ORDER BY a.created_at, a.uuid) FILTER (WHERE a.uuid IS NOT NULL),
  %(limit)s)
FROM activities t
JOIN users tu ON tu.uuid = t.user_uuid
LEFT JOIN likes tl ON tl.activity_uuid = t.uuid AND tl.user_uuid = (SELECT uuid FROM caller)
LEFT JOIN reposts tr ON tr.activity_uuid = t.uuid AND tr.user_uuid = (SELECT uuid FROM caller)
LEFT JOIN LATERAL (
  SELECT *
  FROM activities
  WHERE reply_to_activity_uuid = t.uuid
    AND expires_at > now()
    AND (created_at, uuid) > (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY created_at, uuid
  LIMIT %(limit)s + 1
) a ON true
LEFT JOIN users u ON u.uuid = a.user_uuid
LEFT JOIN likes l ON l.activity_uuid = a.uuid AND l.user_uuid = (SELECT uuid FROM caller)
LEFT JOIN reposts r ON r.activity_uuid = a.uuid AND r.user_uuid = (SELECT uuid FROM caller)
WHERE t.uuid = %(activity_uuid)s
  AND lower(tu.handle) = lower(%(handle)s)
  AND t.expires_at > now()
GROUP BY t.uuid, tu.uuid, tl.user_uuid, tr.user_uuid
