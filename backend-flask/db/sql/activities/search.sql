-- Full-text search over live cruds and replies: best match first, then newest.
-- The cursor carries the rank bit for bit (the four bytes of the real, in hex),
-- so pages follow on exactly.
SELECT json_build_object(
  'items', coalesce(array_to_json((array_agg(
      activity_json(a, u, l.user_uuid IS NOT NULL, r.user_uuid IS NOT NULL)
      ORDER BY m.rank DESC, m.created_at DESC, m.uuid DESC))[1:%(limit)s]), '[]'),
  'next_cursor', CASE WHEN count(*) > %(limit)s THEN page_cursor(
      encode(float4send((array_agg(m.rank ORDER BY m.rank DESC, m.created_at DESC, m.uuid DESC))[%(limit)s]), 'hex'),
      iso_time((array_agg(m.created_at ORDER BY m.rank DESC, m.created_at DESC, m.uuid DESC))[%(limit)s]),
      ((array_agg(m.uuid ORDER BY m.rank DESC, m.created_at DESC, m.uuid DESC))[%(limit)s])::text) END
)::text
FROM (
  SELECT uuid, created_at, ts_rank(search_vector, query) AS rank
  FROM activities, websearch_to_tsquery('english', %(term)s) AS query
  WHERE search_vector @@ query
    AND expires_at > now()
    AND (ts_rank(search_vector, query), created_at, uuid)
        < (%(after_rank)s::real, %(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY rank DESC, created_at DESC, uuid DESC
  LIMIT %(limit)s + 1
) m
JOIN activities a ON a.uuid = m.uuid
JOIN users u ON u.uuid = a.user_uuid
LEFT JOIN likes l ON l.activity_uuid = a.uuid AND l.user_uuid = %(viewer_uuid)s::uuid
LEFT JOIN reposts r ON r.activity_uuid = a.uuid AND r.user_uuid = %(viewer_uuid)s::uuid
