-- The moderators' queue: open reports (or, with open false, closed ones),
-- newest first, as one page of JSON.
SELECT keyset_page(
  array_agg(report_json(r, reporter, target, crud) ORDER BY r.created_at DESC, r.uuid DESC),
  %(limit)s)::text
FROM (
  SELECT *
  FROM reports
  WHERE (closed_at IS NULL) = %(open)s
    AND (created_at, uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY created_at DESC, uuid DESC
  LIMIT %(limit)s + 1
) r
JOIN users reporter ON reporter.uuid = r.reporter_uuid
JOIN users target ON target.uuid = r.target_user_uuid
LEFT JOIN activities crud ON crud.uuid = r.activity_uuid
