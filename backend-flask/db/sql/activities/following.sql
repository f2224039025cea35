-- The caller's following timeline: their own cruds, those of the people they
-- follow, and the cruds those people (or they) reposted, of those the
-- caller's timelines show (timeline_activities; muted reposters are passed
-- over); each crud once, placed at its newest such event (its creation, or a
-- repost with the reposter), newest first, as one page of JSON.
--
-- Events are read in one of three ways, picked per caller from n, the people
-- they follow, against N, everyone (each way's cost, measured, in the README):
--   by_author (n² < N/5): each followed person's newest cruds and reposts,
--     through their own index entries; the cost grows with n.
--   hashed (the middle): everyone's newest cruds in time order, kept when
--     their author is in a hash of the caller's follows; the cost grows with
--     the cruds skipped, N/n for each one kept, and n to build the hash.
--   probed (n² > 100 N): the same, with a primary-key probe into follows
--     for each crud read instead of the hash; for those who follow so much of
--     the site that few cruds are skipped.
-- The setting cruddur.timeline_plan forces one of them (to compare them).
--
-- Each way reads windows of limit + 1 events below the cursor (everyone's
-- reposts only down to the edge of the cruds' window), and the newest
-- 2 × (limit + 1) of them are placed: a crud takes the time of its newest event
-- among the people followed; one whose newest event is above the cursor was on
-- an earlier page and is left out.
WITH viewer AS MATERIALIZED (
  SELECT u.uuid, coalesce(nullif(current_setting('cruddur.timeline_plan', true), ''), CASE
    WHEN 5 * u.following_count::float8 ^ 2 < greatest(c.reltuples, 1) THEN 'by_author'
    WHEN u.following_count::float8 ^ 2 > 100 * greatest(c.reltuples, 1) THEN 'probed'
    ELSE 'hashed' END) AS plan
  FROM users u, pg_class c
  WHERE u.uuid = (SELECT uuid FROM caller) AND c.oid = 'users'::regclass
),
-- by_author: the caller and the people they follow whom their timelines show
-- (their cruds then read from live_activities(), checked once a person).
authors AS (
  SELECT uuid FROM viewer WHERE plan = 'by_author'
  UNION ALL
  SELECT f.followed_uuid
  FROM viewer v
  JOIN follows f ON f.follower_uuid = v.uuid
  JOIN timeline_people(%(viewer_uuid)s::uuid) p ON p.uuid = f.followed_uuid
  WHERE v.plan = 'by_author'
),
-- Everyone's newest cruds, those of the people followed (hashed or probed).
crud_events AS MATERIALIZED (
  (SELECT a.uuid AS activity_uuid, a.created_at AS at,
     row_number() OVER (ORDER BY a.created_at DESC, a.uuid DESC) = %(limit)s + 1 AS edge
   FROM timeline_activities(%(viewer_uuid)s::uuid) a
   WHERE (SELECT plan FROM viewer) = 'hashed'
     AND a.reply_to_activity_uuid IS NULL
     AND (a.created_at, a.uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
     AND (a.user_uuid = (SELECT uuid FROM viewer)
          OR a.user_uuid IN (SELECT followed_uuid FROM follows WHERE follower_uuid = (SELECT uuid FROM viewer)))
   ORDER BY a.created_at DESC, a.uuid DESC
   LIMIT %(limit)s + 1)
  UNION ALL
  (SELECT a.uuid, a.created_at, row_number() OVER (ORDER BY a.created_at DESC, a.uuid DESC) = %(limit)s + 1
   FROM timeline_activities(%(viewer_uuid)s::uuid) a
   CROSS JOIN LATERAL (
     SELECT FROM follows f WHERE f.follower_uuid = (SELECT uuid FROM viewer) AND f.followed_uuid = a.user_uuid
     UNION ALL
     SELECT WHERE a.user_uuid = (SELECT uuid FROM viewer)
     LIMIT 1) followed
   WHERE (SELECT plan FROM viewer) = 'probed'
     AND a.reply_to_activity_uuid IS NULL
     AND (a.created_at, a.uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
   ORDER BY a.created_at DESC, a.uuid DESC
   LIMIT %(limit)s + 1)
),
events AS (
  SELECT * FROM crud_events
  UNION ALL
  -- Everyone's reposts back to the cruds' edge, those of the people followed
  -- (hashed or probed, as the cruds were).
  (SELECT r.activity_uuid, r.created_at,
     row_number() OVER (ORDER BY r.created_at DESC, r.activity_uuid DESC) = %(limit)s + 1
   FROM reposts r
   WHERE (SELECT plan FROM viewer) = 'hashed'
     AND (r.created_at, r.activity_uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
     AND r.created_at >= coalesce((SELECT at FROM crud_events WHERE edge), '-infinity')
     AND (r.user_uuid = (SELECT uuid FROM viewer)
          OR r.user_uuid IN (SELECT followed_uuid FROM follows WHERE follower_uuid = (SELECT uuid FROM viewer)))
   ORDER BY r.created_at DESC, r.activity_uuid DESC
   LIMIT %(limit)s + 1)
  UNION ALL
  (SELECT r.activity_uuid, r.created_at,
     row_number() OVER (ORDER BY r.created_at DESC, r.activity_uuid DESC) = %(limit)s + 1
   FROM reposts r
   CROSS JOIN LATERAL (
     SELECT FROM follows f WHERE f.follower_uuid = (SELECT uuid FROM viewer) AND f.followed_uuid = r.user_uuid
     UNION ALL
     SELECT WHERE r.user_uuid = (SELECT uuid FROM viewer)
     LIMIT 1) followed
   WHERE (SELECT plan FROM viewer) = 'probed'
     AND (r.created_at, r.activity_uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
     AND r.created_at >= coalesce((SELECT at FROM crud_events WHERE edge), '-infinity')
   ORDER BY r.created_at DESC, r.activity_uuid DESC
   LIMIT %(limit)s + 1)
  UNION ALL
  SELECT e.* FROM authors au CROSS JOIN LATERAL (
    SELECT a.uuid AS activity_uuid, a.created_at AS at,
      row_number() OVER (ORDER BY a.created_at DESC, a.uuid DESC) = %(limit)s + 1 AS edge
    FROM live_activities() a
    WHERE a.user_uuid = au.uuid
      AND a.reply_to_activity_uuid IS NULL
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
  SELECT a AS crud, a.uuid, a.user_uuid,
    greatest(own.at, shared.at) AS at,
    CASE WHEN shared.at > own.at OR own.at IS NULL THEN shared.reposter_uuid END AS reposter_uuid
  FROM (SELECT DISTINCT activity_uuid FROM newest_events) c
  JOIN timeline_activities(%(viewer_uuid)s::uuid) a ON a.uuid = c.activity_uuid
  CROSS JOIN viewer v
  -- Its creation, when its author is followed (or the caller).
  CROSS JOIN LATERAL (
    SELECT CASE WHEN a.user_uuid = v.uuid
      OR EXISTS (SELECT FROM follows f WHERE f.follower_uuid = v.uuid AND f.followed_uuid = a.user_uuid)
      THEN a.created_at END AS at
  ) own
  -- Its newest repost by someone followed (or the caller) and shown.
  LEFT JOIN LATERAL (
    SELECT r.created_at AS at, r.user_uuid AS reposter_uuid
    FROM reposts r
    JOIN timeline_people(%(viewer_uuid)s::uuid) reposter ON reposter.uuid = r.user_uuid
    CROSS JOIN LATERAL (
      SELECT FROM follows f WHERE f.follower_uuid = v.uuid AND f.followed_uuid = r.user_uuid
      UNION ALL
      SELECT WHERE r.user_uuid = v.uuid
      LIMIT 1) followed
    WHERE a.reposts_count > 0
      AND r.activity_uuid = a.uuid
    ORDER BY r.created_at DESC
    LIMIT 1
  ) shared ON true
  WHERE (greatest(own.at, shared.at), a.uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
    AND NOT EXISTS (SELECT FROM horizon h WHERE (greatest(own.at, shared.at), a.uuid) < (h.at, h.activity_uuid))
  ORDER BY greatest(own.at, shared.at) DESC, a.uuid DESC
  LIMIT %(limit)s + 1
)
SELECT keyset_page(
  array_agg(
    activity_json(p.crud, u.author, l.user_uuid IS NOT NULL, r.user_uuid IS NOT NULL, ru.reposter, p.at)
    ORDER BY p.at DESC, p.uuid DESC),
  %(limit)s,
  (SELECT page_cursor(iso_time(h.at), h.activity_uuid::text) FROM horizon h),
  array_agg(p.at ORDER BY p.at DESC, p.uuid DESC))::text
FROM placed p
-- Each by its key (OFFSET 0 keeps them lookups): a page is 21 rows, whatever
-- the plan's guess.
CROSS JOIN LATERAL (SELECT u AS author FROM users u WHERE u.uuid = p.user_uuid OFFSET 0) u
LEFT JOIN LATERAL (SELECT ru AS reposter FROM users ru WHERE ru.uuid = p.reposter_uuid OFFSET 0) ru ON true
LEFT JOIN likes l ON l.activity_uuid = p.uuid AND l.user_uuid = (SELECT uuid FROM viewer)
LEFT JOIN reposts r ON r.activity_uuid = p.uuid AND r.user_uuid = (SELECT uuid FROM viewer)
