-- A crud or reply that the caller may see, by its author's handle and its
-- uuid, with one page of the replies they may see, oldest first, as one JSON
-- object; null when there is no such crud (unknown, expired, removed, not
-- that person's, or hidden from the caller).
SELECT keyset_page_with(
  json_build_object('activity', activity_json(t, tu, tl.user_uuid IS NOT NULL, tr.user_uuid IS NOT NULL)),
  replies.items,
  %(limit)s)
FROM visible_activities(%(viewer_uuid)s::uuid) t
JOIN users tu ON tu.uuid = t.user_uuid
LEFT JOIN likes tl ON tl.activity_uuid = t.uuid AND tl.user_uuid = (SELECT uuid FROM caller)
LEFT JOIN reposts tr ON tr.activity_uuid = t.uuid AND tr.user_uuid = (SELECT uuid FROM caller)
-- Aggregated beside the crud (not in a subquery of the page's arguments), so
-- that keyset_page() is inlined.
CROSS JOIN LATERAL (
  SELECT array_agg(
      activity_json(a::activities, u, l.user_uuid IS NOT NULL, r.user_uuid IS NOT NULL)
      ORDER BY a.created_at, a.uuid) AS items
  FROM (
    SELECT *
    FROM visible_activities(%(viewer_uuid)s::uuid)
    WHERE reply_to_activity_uuid = t.uuid
      AND (created_at, uuid) > (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
    ORDER BY created_at, uuid
    LIMIT %(limit)s + 1
  ) a
  JOIN users u ON u.uuid = a.user_uuid
  LEFT JOIN likes l ON l.activity_uuid = a.uuid AND l.user_uuid = (SELECT uuid FROM caller)
  LEFT JOIN reposts r ON r.activity_uuid = a.uuid AND r.user_uuid = (SELECT uuid FROM caller)
) replies
WHERE t.uuid = %(activity_uuid)s
  AND lower(tu.handle) = lower(%(handle)s)
