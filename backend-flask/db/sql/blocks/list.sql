-- The people the caller blocked, newest block first, as one page of JSON.
SELECT keyset_page(
  array_agg(
    (person_json(p, false, false)::jsonb || jsonb_build_object('blocked_at', iso_time(b.created_at)))::json
    ORDER BY b.created_at DESC, b.blocked_uuid DESC),
  %(limit)s, NULL,
  array_agg(b.created_at ORDER BY b.created_at DESC, b.blocked_uuid DESC))::text
FROM (
  SELECT blocked_uuid, created_at
  FROM blocks
  WHERE blocker_uuid = %(viewer_uuid)s::uuid
    AND (created_at, blocked_uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY created_at DESC, blocked_uuid DESC
  LIMIT %(limit)s + 1
) b
JOIN users p ON p.uuid = b.blocked_uuid
