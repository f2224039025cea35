-- Full-text search over the cruds and replies the caller's timelines show
-- (timeline_activities), newest first, as one page of JSON.
-- Each word of the term gives its newest entries in activity_terms past the
-- cursor, a bounded window (%(budget)s entries shared among the words, at least a
-- page each); the candidates that match the whole query are the page. A word whose
-- window filled up may have older entries: matches are taken only down to the
-- newest such cut-off (the horizon), and when they do not fill the page, the
-- page ends there and its cursor is the horizon, so the next page goes on from
-- it. The work of a page is bounded whatever the words, and pages follow on exactly.
WITH query AS (
  SELECT websearch_to_tsquery('english', %(term)s) AS tsquery
),
words AS (
  SELECT DISTINCT lexeme FROM unnest(tsvector_to_array(to_tsvector('english', %(term)s))) AS lexeme
),
window_size AS (
  SELECT greatest(%(limit)s + 1, %(budget)s / count(*)) AS entries FROM words
),
windows AS (
  SELECT w.lexeme, e.created_at, e.activity_uuid,
         count(*) OVER (PARTITION BY w.lexeme) AS taken,
         row_number() OVER (PARTITION BY w.lexeme ORDER BY e.created_at, e.activity_uuid) AS oldest_first
  FROM words w
  CROSS JOIN LATERAL (
    SELECT t.created_at, t.activity_uuid
    FROM activity_terms t
    WHERE t.lexeme = w.lexeme
      AND t.expires_at > now()
      AND (t.created_at, t.activity_uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
    ORDER BY t.created_at DESC, t.activity_uuid DESC
    LIMIT (SELECT entries FROM window_size)
  ) e
),
horizon AS (
  SELECT created_at, activity_uuid
  FROM windows
  WHERE oldest_first = 1 AND taken = (SELECT entries FROM window_size)
  ORDER BY created_at DESC, activity_uuid DESC
  LIMIT 1
),
candidates AS (
  SELECT DISTINCT created_at, activity_uuid
  FROM windows
  WHERE (created_at, activity_uuid) >= coalesce(
    (SELECT (h.created_at, h.activity_uuid) FROM horizon h), ('-infinity'::timestamptz, NULL::uuid))
  ORDER BY created_at DESC, activity_uuid DESC
),
matches AS (
  SELECT a.*
  FROM candidates c
  JOIN timeline_activities(%(viewer_uuid)s::uuid) a ON a.uuid = c.activity_uuid
  WHERE a.search_vector @@ (SELECT tsquery FROM query)
  ORDER BY c.created_at DESC, c.activity_uuid DESC
  LIMIT %(limit)s + 1
)
SELECT keyset_page(
  array_agg(
    activity_json(m::activities, u, l.user_uuid IS NOT NULL, r.user_uuid IS NOT NULL)
    ORDER BY m.created_at DESC, m.uuid DESC),
  %(limit)s,
  (SELECT page_cursor(iso_time(h.created_at), h.activity_uuid::text) FROM horizon h))::text
FROM matches m
JOIN users u ON u.uuid = m.user_uuid
LEFT JOIN likes l ON l.activity_uuid = m.uuid AND l.user_uuid = (SELECT uuid FROM caller)
LEFT JOIN reposts r ON r.activity_uuid = m.uuid AND r.user_uuid = (SELECT uuid FROM caller)
