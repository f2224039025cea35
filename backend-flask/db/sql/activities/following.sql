-- The caller's following timeline: their own live cruds, those of the people
-- they follow, and the live cruds those people (or they) reposted; each crud
-- once, placed at its newest such event (its creation, or a repost with the
-- reposter), newest first, as one page of JSON.
--
-- Candidate events come from one of two plans, picked per caller by how much
-- of the site they follow (following_count² against the number of people):
--   sparse: each followed person's newest cruds and reposts, read through
--     their own index entries (activities_user_idx, reposts_user_idx): the
--     cost grows with the number of people followed;
--   dense: everyone's newest cruds and reposts in time order, keeping those
--     of people followed (a primary-key probe into follows for each): the cost
--     grows with the events skipped, few when much of the site is followed.
-- The setting cruddur.timeline_plan ('dense' or 'sparse') forces a plan, for
-- comparing them. Each plan reads windows of limit + 1 events of each kind
-- below the cursor, and the newest 2 × (limit + 1) of them are placed: a crud
-- takes the time of its newest event among the people followed; one whose
-- newest event is above the cursor was on an earlier page and is left out.
WITH viewer AS MATERIALIZED (
  SELECT u.uuid, CASE current_setting('cruddur.timeline_plan', true)
    WHEN 'dense' THEN true
    WHEN 'sparse' THEN false
    ELSE u.following_count::float8 ^ 2 >= greatest(c.reltuples, 1) END AS dense
  FROM users u, pg_class c
  WHERE u.uuid = (SELECT uuid FROM caller) AND c.oid = 'users'::regclass
),
authors AS (
  SELECT uuid FROM viewer WHERE NOT dense
  UNION ALL
  SELECT f.followed_uuid FROM viewer v JOIN follows f ON f.follower_uuid = v.uuid WHERE NOT v.dense
),
events AS (
  SELECT e.* FROM authors au CROSS JOIN LATERAL (
    SELECT a.uuid AS activity_uuid, a.created_at AS at,
      row_number() OVER (ORDER BY a.created_at DESC, a.uuid DESC) = %(limit)s + 1 AS edge
    FROM activities a
    WHERE a.user_uuid = au.uuid
      AND a.reply_to_activity_uuid IS NULL
      AND a.expires_at > now()
      AND (a.created_at, a.uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
    ORDER BY a.created_at DESC, a.uuid DESC
    LIMIT %(limit)s + 1
  ) e
  UNION ALL
  SELECT e.* FROM authors au CROSS JOIN LATERAL (
    SELECT r.activity_uuid, r.created_at AS at,
      row_number() OVER (ORDER BY r.created_at DESC, r.activity_uuid DESC) = %(limit)s + 1 AS edge
    FROM reposts r
    WHERE r.user_uuid = au.uuid
      AND (r.created_at, r.activity_uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
    ORDER BY r.created_at DESC, r.activity_uuid DESC
    LIMIT %(limit)s + 1
  ) e
  UNION ALL
  (SELECT a.uuid, a.created_at, row_number() OVER (ORDER BY a.created_at DESC, a.uuid DESC) = %(limit)s + 1
   FROM activities a
   WHERE (SELECT dense FROM viewer)
     AND a.reply_to_activity_uuid IS NULL
     AND a.expires_at > now()
     AND (a.created_at, a.uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
     AND (a.user_uuid = (SELECT uuid FROM viewer)
          OR EXISTS (SELECT 1 FROM follows f
                     WHERE f.follower_uuid = (SELECT uuid FROM viewer) AND f.followed_uuid = a.user_uuid
                     LIMIT 1))
   ORDER BY a.created_at DESC, a.uuid DESC
   LIMIT %(limit)s + 1)
  UNION ALL
  (SELECT r.activity_uuid, r.created_at,
     row_number() OVER (ORDER BY r.created_at DESC, r.activity_uuid DESC) = %(limit)s + 1
   FROM reposts r
   WHERE (SELECT dense FROM viewer)
     AND (r.created_at, r.activity_uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
     AND (r.user_uuid = (SELECT uuid FROM viewer)
          OR EXISTS (SELECT 1 FROM follows f
                     WHERE f.follower_uuid = (SELECT uuid FROM viewer) AND f.followed_uuid = r.user_uuid
                     LIMIT 1))
   ORDER BY r.created_at DESC, r.activity_uuid DESC
   LIMIT %(limit)s + 1)
),
newest_events AS (
  SELECT activity_uuid, at, row_number() OVER (ORDER BY at DESC, activity_uuid DESC) = 2 * (%(limit)s + 1) AS edge
  FROM events
  ORDER BY at DESC, activity_uuid DESC
  LIMIT 2 * (%(limit)s + 1)
),
-- Below the newest edge of a full window some events may not have been
-- read: the page stops there, and the next one starts from it.
horizon AS MATERIALIZED (
  SELECT at, activity_uuid FROM (
    SELECT at, activity_uuid FROM events WHERE edge
    UNION ALL
    SELECT at, activity_uuid FROM newest_events WHERE edge
  ) h
  ORDER BY at DESC, activity_uuid DESC
  LIMIT 1
),
placed AS (
  SELECT a AS crud, a.uuid, a.user_uuid, newest.at, newest.reposter_uuid
  FROM (SELECT DISTINCT activity_uuid FROM newest_events) c
  JOIN activities a ON a.uuid = c.activity_uuid
  CROSS JOIN viewer v
  CROSS JOIN LATERAL (
    SELECT x.at, x.reposter_uuid FROM (
      (SELECT r.created_at AS at, r.user_uuid AS reposter_uuid
       FROM reposts r
       WHERE a.reposts_count > 0
         AND r.activity_uuid = a.uuid
         AND (r.user_uuid = v.uuid
              OR EXISTS (SELECT 1 FROM follows f WHERE f.follower_uuid = v.uuid AND f.followed_uuid = r.user_uuid LIMIT 1))
       ORDER BY r.created_at DESC
       LIMIT 1)
      UNION ALL
      SELECT a.created_at, NULL
      WHERE a.user_uuid = v.uuid
         OR EXISTS (SELECT 1 FROM follows f WHERE f.follower_uuid = v.uuid AND f.followed_uuid = a.user_uuid LIMIT 1)
    ) x
    ORDER BY x.at DESC
    LIMIT 1
  ) newest
  WHERE a.expires_at > now()
    AND (newest.at, a.uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
    AND NOT EXISTS (SELECT 1 FROM horizon h WHERE (newest.at, a.uuid) < (h.at, h.activity_uuid))
  ORDER BY newest.at DESC, a.uuid DESC
  LIMIT %(limit)s + 1
)
SELECT keyset_page(
  array_agg(
    activity_json(p.crud, u, l.user_uuid IS NOT NULL, r.user_uuid IS NOT NULL, ru, p.at)
    ORDER BY p.at DESC, p.uuid DESC),
  %(limit)s,
  (SELECT page_cursor(iso_time(h.at), h.activity_uuid::text) FROM horizon h),
  array_agg(p.at ORDER BY p.at DESC, p.uuid DESC))::text
FROM placed p
JOIN users u ON u.uuid = p.user_uuid
LEFT JOIN users ru ON ru.uuid = p.reposter_uuid
LEFT JOIN likes l ON l.activity_uuid = p.uuid AND l.user_uuid = (SELECT uuid FROM viewer)
LEFT JOIN reposts r ON r.activity_uuid = p.uuid AND r.user_uuid = (SELECT uuid FROM viewer)
