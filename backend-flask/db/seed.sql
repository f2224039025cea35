-- Demo data for development: seven people who follow each other, and their
-- cruds, replies, likes, reposts and notifications, timed relative to now so
-- that the first page is full. (Their direct messages are DynamoDB's:
-- bin/ddb/seed.)
--
-- Every demo person signs in with the local provider using the password
-- Crud-Demo-2026 (printed by ./bin/dev).
--
-- Safe to run again, at any time:
-- - every row has a stable key (the people their sub, the cruds and replies
--   fixed uuids; likes, reposts and follows are keyed by who and what), and is
--   inserted with ON CONFLICT DO NOTHING: nothing is ever duplicated;
-- - a demo crud whose time has run out is replaced by a fresh one under the
--   same uuid, with its replies, likes, reposts and notifications, so a re-run
--   days later leaves a full page again; live demo cruds are kept as they are;
-- - notifications are written only with the reply, like, repost or follow
--   they tell of, when that is new (as the API does);
-- - the counters of the demo cruds and people are then recomputed from the
--   tables, exactly.
-- A demo person whose handle or email someone else already has is not
-- created, and their demo rows are skipped.

BEGIN;

INSERT INTO local_identities (sub, email, handle, display_name, password_hash, confirmed_at)
SELECT sub::uuid, email, handle, display_name,
       '$argon2id$v=19$m=65536,t=3,p=4$32RRQW6/Ke21XP/HAXrqHA$G/BA1uPC2WqbW1yAsL60h5MV7uh1j9Ns0dkVZiUMKVM', now()
FROM (VALUES
  ('00000000-0000-4000-8000-00000000a001', 'andrew@example.com', 'andrewbrown', 'Andrew Brown'),
  ('00000000-0000-4000-8000-00000000a002', 'bayko@example.com', 'bayko', 'Andrew Bayko'),
  ('00000000-0000-4000-8000-00000000a003', 'londo@example.com', 'londo', 'Londo Mollari'),
  ('00000000-0000-4000-8000-00000000a004', 'mira@example.com', 'mira', 'Mira Okafor'),
  ('00000000-0000-4000-8000-00000000a005', 'tomas@example.com', 'tomas', 'Tomás Reyes'),
  ('00000000-0000-4000-8000-00000000a006', 'priya@example.com', 'priya', 'Priya Natarajan'),
  ('00000000-0000-4000-8000-00000000a007', 'kenji@example.com', 'kenji', 'Kenji Watanabe')
) AS person (sub, email, handle, display_name)
ON CONFLICT DO NOTHING;

INSERT INTO users (cognito_user_id, handle, email, display_name, bio)
VALUES
  ('00000000-0000-4000-8000-00000000a001', 'andrewbrown', 'andrew@example.com', 'Andrew Brown',
   'Cloud builder. Posts expire; ideas do not.'),
  ('00000000-0000-4000-8000-00000000a002', 'bayko', 'bayko@example.com', 'Andrew Bayko',
   'Making things that last a day.'),
  ('00000000-0000-4000-8000-00000000a003', 'londo', 'londo@example.com', 'Londo Mollari',
   'Ambassador, occasional poet.'),
  ('00000000-0000-4000-8000-00000000a004', 'mira', 'mira@example.com', 'Mira Okafor',
   'Night-shift SRE. Pager in one hand, tea in the other.'),
  ('00000000-0000-4000-8000-00000000a005', 'tomas', 'tomas@example.com', 'Tomás Reyes',
   'Baker at 4am, cloud certifications by noon.'),
  ('00000000-0000-4000-8000-00000000a006', 'priya', 'priya@example.com', 'Priya Natarajan',
   'Databases, bicycles, and strong opinions about indexes.'),
  ('00000000-0000-4000-8000-00000000a007', 'kenji', 'kenji@example.com', 'Kenji Watanabe',
   'Photographer. Everything I post is gone by Friday.')
ON CONFLICT DO NOTHING;

-- The demo people, by handle (the tables below name them so): the row with
-- their sub, or, once bin/db/update-cognito-user-ids has pointed it at a
-- Cognito user, the row with both their handle and their email.
CREATE TEMP TABLE demo_people ON COMMIT DROP AS
SELECT DISTINCT ON (demo.handle) u.uuid, demo.handle
FROM (VALUES
  ('00000000-0000-4000-8000-00000000a001', 'andrewbrown', 'andrew@example.com'),
  ('00000000-0000-4000-8000-00000000a002', 'bayko', 'bayko@example.com'),
  ('00000000-0000-4000-8000-00000000a003', 'londo', 'londo@example.com'),
  ('00000000-0000-4000-8000-00000000a004', 'mira', 'mira@example.com'),
  ('00000000-0000-4000-8000-00000000a005', 'tomas', 'tomas@example.com'),
  ('00000000-0000-4000-8000-00000000a006', 'priya', 'priya@example.com'),
  ('00000000-0000-4000-8000-00000000a007', 'kenji', 'kenji@example.com')
) AS demo (sub, handle, email)
JOIN users u ON u.cognito_user_id = demo.sub OR (lower(u.handle) = demo.handle AND lower(u.email) = demo.email)
ORDER BY demo.handle, u.cognito_user_id = demo.sub DESC;

-- Mira moderates: the moderation pages can be tried with her sign-in.
UPDATE users SET role = 'moderator'
FROM demo_people d
WHERE users.uuid = d.uuid AND d.handle = 'mira' AND users.role = 'member';

-- Who follows whom, and how long ago they started.
CREATE TEMP TABLE demo_follows (follower text, followed text, age interval) ON COMMIT DROP;
INSERT INTO demo_follows VALUES
  ('andrewbrown', 'bayko', '20 days'), ('andrewbrown', 'londo', '18 days'), ('andrewbrown', 'mira', '9 days'),
  ('andrewbrown', 'priya', '6 days'), ('andrewbrown', 'tomas', '2 days'),
  ('bayko', 'andrewbrown', '20 days'), ('bayko', 'priya', '11 days'), ('bayko', 'kenji', '4 days'),
  ('londo', 'andrewbrown', '17 days'), ('londo', 'bayko', '15 days'),
  ('mira', 'andrewbrown', '9 days'), ('mira', 'priya', '8 days'), ('mira', 'kenji', '3 days'),
  ('tomas', 'andrewbrown', '2 days'), ('tomas', 'mira', '1 day'),
  ('priya', 'andrewbrown', '6 days'), ('priya', 'bayko', '10 days'), ('priya', 'mira', '7 days'),
  ('kenji', 'mira', '3 days'), ('kenji', 'tomas', '5 hours');

-- Top-level cruds: created `age` ago, live for their ttl (every age is well
-- inside its ttl).
CREATE TEMP TABLE demo_cruds (uuid uuid, author text, ttl text, age interval, message text) ON COMMIT DROP;
INSERT INTO demo_cruds VALUES
  ('00000000-0000-4000-8000-00000000c001', 'andrewbrown', '7-days', '25 minutes',
   'Welcome to Cruddur! Everything here expires, so say the thing now.'),
  ('00000000-0000-4000-8000-00000000c002', 'bayko', '1-day', '40 minutes',
   'Posted a crud that lasts an hour. Felt like writing on a steamed-up mirror.'),
  ('00000000-0000-4000-8000-00000000c003', 'mira', '3-hours', '70 minutes',
   '3am page: disk full. The culprit: a log file called final_final_v2.log. Of course.'),
  ('00000000-0000-4000-8000-00000000c004', 'priya', '3-days', '2 hours',
   'Reminder: an index you never read from is just a tax on every write.'),
  ('00000000-0000-4000-8000-00000000c005', 'londo', '1-day', '3 hours',
   'I have written a poem. It will expire in a day, as all the best poems should.'),
  ('00000000-0000-4000-8000-00000000c006', 'tomas', '12-hours', '4 hours',
   'My sourdough starter is six years old. Older than most of my cloud resources.'),
  ('00000000-0000-4000-8000-00000000c007', 'kenji', '7-days', '5 hours',
   'Golden hour over the harbour tonight. No photo: you had to be there.'),
  ('00000000-0000-4000-8000-00000000c008', 'andrewbrown', '1-day', '6 hours',
   'Hot take: the best feature is the delete button you never have to press.'),
  ('00000000-0000-4000-8000-00000000c009', 'bayko', '7-days', '8 hours',
   'Keyset pagination or nothing. OFFSET 100000 is a cry for help.'),
  ('00000000-0000-4000-8000-00000000c010', 'mira', '1-day', '10 hours',
   'Rotated every credential in the account today. Feeling lighter.'),
  ('00000000-0000-4000-8000-00000000c011', 'priya', '30-days', '1 day',
   'EXPLAIN ANALYZE is a love language.'),
  ('00000000-0000-4000-8000-00000000c012', 'londo', '3-days', '14 hours',
   'Ambassadors do not apologise. We issue clarifications.'),
  ('00000000-0000-4000-8000-00000000c013', 'tomas', '3-days', '20 hours',
   'Name your CloudFormation stacks as if you will read them at 2am. You will.'),
  ('00000000-0000-4000-8000-00000000c014', 'andrewbrown', '1-hour', '12 minutes',
   'Quick one: who is up for a live coding session in an hour?'),
  ('00000000-0000-4000-8000-00000000c015', 'kenji', '1-day', '150 minutes',
   'Film is slow. So is the first start of DynamoDB Local. Both worth it.'),
  ('00000000-0000-4000-8000-00000000c016', 'bayko', '3-days', '30 hours',
   'Cruddur tip: replies expire with their thread. Say it while it lasts.'),
  ('00000000-0000-4000-8000-00000000c017', 'priya', '12-hours', '30 minutes',
   'Friday deploy? Only with a rollback file next to the migration.'),
  ('00000000-0000-4000-8000-00000000c018', 'mira', '7-days', '2 days',
   'On-call handover notes, in full: it was quiet. Do not say the word.');

-- Replies: `after` their crud (always before now), expiring with it.
CREATE TEMP TABLE demo_replies (uuid uuid, parent uuid, author text, after interval, message text) ON COMMIT DROP;
INSERT INTO demo_replies VALUES
  ('00000000-0000-4000-8000-00000000d001', '00000000-0000-4000-8000-00000000c001', 'bayko', '5 minutes',
   'Saying the thing: this is great.'),
  ('00000000-0000-4000-8000-00000000d002', '00000000-0000-4000-8000-00000000c001', 'londo', '10 minutes',
   'At last, a network where my mistakes are temporary.'),
  ('00000000-0000-4000-8000-00000000d003', '00000000-0000-4000-8000-00000000c004', 'andrewbrown', '15 minutes',
   'Dropping two unused indexes right now.'),
  ('00000000-0000-4000-8000-00000000d004', '00000000-0000-4000-8000-00000000c004', 'mira', '30 minutes',
   'And a vacuum tax on top of it.'),
  ('00000000-0000-4000-8000-00000000d005', '00000000-0000-4000-8000-00000000c003', 'andrewbrown', '20 minutes',
   'final_final_v3.log is already on its way.'),
  ('00000000-0000-4000-8000-00000000d006', '00000000-0000-4000-8000-00000000c014', 'priya', '5 minutes',
   'In! Bringing questions about keyset cursors.'),
  ('00000000-0000-4000-8000-00000000d007', '00000000-0000-4000-8000-00000000c005', 'kenji', '1 hour',
   'Read it. Now it lives only in my memory.'),
  ('00000000-0000-4000-8000-00000000d008', '00000000-0000-4000-8000-00000000c009', 'priya', '1 hour',
   'OFFSET is fine. For page two. Maybe.'),
  ('00000000-0000-4000-8000-00000000d009', '00000000-0000-4000-8000-00000000c006', 'andrewbrown', '30 minutes',
   'Six years! Does it have a name?'),
  ('00000000-0000-4000-8000-00000000d010', '00000000-0000-4000-8000-00000000c006', 'tomas', '40 minutes',
   'Gerald. He has outlived two laptops.');

-- Likes and reposts: `after` the crud or reply (at the latest, now).
CREATE TEMP TABLE demo_likes (activity uuid, liker text, after interval) ON COMMIT DROP;
INSERT INTO demo_likes VALUES
  ('00000000-0000-4000-8000-00000000c001', 'bayko', '3 minutes'),
  ('00000000-0000-4000-8000-00000000c001', 'londo', '8 minutes'),
  ('00000000-0000-4000-8000-00000000c001', 'mira', '11 minutes'),
  ('00000000-0000-4000-8000-00000000c001', 'priya', '14 minutes'),
  ('00000000-0000-4000-8000-00000000c001', 'tomas', '18 minutes'),
  ('00000000-0000-4000-8000-00000000c002', 'andrewbrown', '10 minutes'),
  ('00000000-0000-4000-8000-00000000c002', 'priya', '25 minutes'),
  ('00000000-0000-4000-8000-00000000c003', 'andrewbrown', '15 minutes'),
  ('00000000-0000-4000-8000-00000000c003', 'kenji', '30 minutes'),
  ('00000000-0000-4000-8000-00000000c003', 'priya', '45 minutes'),
  ('00000000-0000-4000-8000-00000000c004', 'andrewbrown', '12 minutes'),
  ('00000000-0000-4000-8000-00000000c004', 'bayko', '40 minutes'),
  ('00000000-0000-4000-8000-00000000c004', 'mira', '29 minutes'),
  ('00000000-0000-4000-8000-00000000c005', 'andrewbrown', '2 hours'),
  ('00000000-0000-4000-8000-00000000c006', 'andrewbrown', '25 minutes'),
  ('00000000-0000-4000-8000-00000000c006', 'kenji', '1 hour'),
  ('00000000-0000-4000-8000-00000000c006', 'mira', '2 hours'),
  ('00000000-0000-4000-8000-00000000c007', 'mira', '1 hour'),
  ('00000000-0000-4000-8000-00000000c007', 'tomas', '3 hours'),
  ('00000000-0000-4000-8000-00000000c008', 'bayko', '20 minutes'),
  ('00000000-0000-4000-8000-00000000c008', 'londo', '1 hour'),
  ('00000000-0000-4000-8000-00000000c008', 'priya', '4 hours'),
  ('00000000-0000-4000-8000-00000000c009', 'andrewbrown', '2 hours'),
  ('00000000-0000-4000-8000-00000000c009', 'priya', '50 minutes'),
  ('00000000-0000-4000-8000-00000000c011', 'andrewbrown', '3 hours'),
  ('00000000-0000-4000-8000-00000000c011', 'bayko', '5 hours'),
  ('00000000-0000-4000-8000-00000000c012', 'bayko', '2 hours'),
  ('00000000-0000-4000-8000-00000000c014', 'priya', '4 minutes'),
  ('00000000-0000-4000-8000-00000000d001', 'andrewbrown', '2 minutes');

CREATE TEMP TABLE demo_reposts (activity uuid, reposter text, after interval) ON COMMIT DROP;
INSERT INTO demo_reposts VALUES
  ('00000000-0000-4000-8000-00000000c001', 'bayko', '4 minutes'),
  ('00000000-0000-4000-8000-00000000c004', 'andrewbrown', '13 minutes'),
  ('00000000-0000-4000-8000-00000000c007', 'mira', '62 minutes'),
  ('00000000-0000-4000-8000-00000000c009', 'priya', '55 minutes'),
  ('00000000-0000-4000-8000-00000000c011', 'bayko', '6 hours');

-- Expired demo cruds make way for fresh ones (their replies, likes, reposts
-- and notifications go with them, as bin/db/purge-expired would do).
DELETE FROM activities
WHERE uuid IN (SELECT uuid FROM demo_cruds) AND expires_at <= now();

INSERT INTO activities (uuid, user_uuid, message, ttl, created_at, expires_at)
SELECT c.uuid, p.uuid, c.message, c.ttl, now() - c.age, now() - c.age + replace(c.ttl, '-', ' ')::interval
FROM demo_cruds c
JOIN demo_people p ON p.handle = c.author
ON CONFLICT DO NOTHING;

WITH added AS (
  INSERT INTO activities (uuid, user_uuid, message, reply_to_activity_uuid, created_at, expires_at)
  SELECT r.uuid, p.uuid, r.message, a.uuid, least(a.created_at + r.after, now()), a.expires_at
  FROM demo_replies r
  JOIN demo_people p ON p.handle = r.author
  JOIN activities a ON a.uuid = r.parent AND a.expires_at > now()
  ON CONFLICT DO NOTHING
  RETURNING uuid, user_uuid, reply_to_activity_uuid, created_at
)
INSERT INTO notifications (recipient_user_uuid, actor_user_uuid, kind, activity_uuid, reply_activity_uuid, created_at)
SELECT a.user_uuid, added.user_uuid, 'reply', a.uuid, added.uuid, added.created_at
FROM added
JOIN activities a ON a.uuid = added.reply_to_activity_uuid
WHERE a.user_uuid <> added.user_uuid;

WITH added AS (
  INSERT INTO likes (activity_uuid, user_uuid, created_at)
  SELECT a.uuid, p.uuid, least(a.created_at + l.after, now())
  FROM demo_likes l
  JOIN demo_people p ON p.handle = l.liker
  JOIN activities a ON a.uuid = l.activity AND a.expires_at > now()
  ON CONFLICT DO NOTHING
  RETURNING activity_uuid, user_uuid, created_at
)
INSERT INTO notifications (recipient_user_uuid, actor_user_uuid, kind, activity_uuid, created_at)
SELECT a.user_uuid, added.user_uuid, 'like', a.uuid, added.created_at
FROM added
JOIN activities a ON a.uuid = added.activity_uuid
WHERE a.user_uuid <> added.user_uuid
ON CONFLICT DO NOTHING;

WITH added AS (
  INSERT INTO reposts (activity_uuid, user_uuid, created_at)
  SELECT a.uuid, p.uuid, least(a.created_at + r.after, now())
  FROM demo_reposts r
  JOIN demo_people p ON p.handle = r.reposter
  JOIN activities a ON a.uuid = r.activity AND a.expires_at > now()
  ON CONFLICT DO NOTHING
  RETURNING activity_uuid, user_uuid, created_at
)
INSERT INTO notifications (recipient_user_uuid, actor_user_uuid, kind, activity_uuid, created_at)
SELECT a.user_uuid, added.user_uuid, 'repost', a.uuid, added.created_at
FROM added
JOIN activities a ON a.uuid = added.activity_uuid
WHERE a.user_uuid <> added.user_uuid
ON CONFLICT DO NOTHING;

WITH added AS (
  INSERT INTO follows (follower_uuid, followed_uuid, created_at)
  SELECT follower.uuid, followed.uuid, now() - f.age
  FROM demo_follows f
  JOIN demo_people follower ON follower.handle = f.follower
  JOIN demo_people followed ON followed.handle = f.followed
  ON CONFLICT DO NOTHING
  RETURNING follower_uuid, followed_uuid, created_at
)
INSERT INTO notifications (recipient_user_uuid, actor_user_uuid, kind, created_at)
SELECT followed_uuid, follower_uuid, 'follow', created_at
FROM added
ON CONFLICT DO NOTHING;

-- The counters, from the tables. The rows are locked first, so that a like
-- or follow made through the API meanwhile is counted once, by one or the other.
DO $$
BEGIN
  PERFORM FROM activities
  WHERE uuid IN (SELECT uuid FROM demo_cruds UNION ALL SELECT uuid FROM demo_replies)
  FOR UPDATE;
  PERFORM FROM users WHERE uuid IN (SELECT uuid FROM demo_people) FOR UPDATE;
END
$$;

UPDATE activities a
SET replies_count = counted.replies, likes_count = counted.likes, reposts_count = counted.reposts
FROM (
  SELECT a.uuid,
         (SELECT count(*) FROM activities r WHERE r.reply_to_activity_uuid = a.uuid) AS replies,
         (SELECT count(*) FROM likes l WHERE l.activity_uuid = a.uuid) AS likes,
         (SELECT count(*) FROM reposts r WHERE r.activity_uuid = a.uuid) AS reposts
  FROM activities a
  WHERE a.uuid IN (SELECT uuid FROM demo_cruds UNION ALL SELECT uuid FROM demo_replies)
) AS counted
WHERE a.uuid = counted.uuid
  AND (a.replies_count, a.likes_count, a.reposts_count) IS DISTINCT FROM (counted.replies, counted.likes, counted.reposts);

UPDATE users u
SET followers_count = counted.followers, following_count = counted.following
FROM (
  SELECT p.uuid,
         (SELECT count(*) FROM follows f WHERE f.followed_uuid = p.uuid) AS followers,
         (SELECT count(*) FROM follows f WHERE f.follower_uuid = p.uuid) AS following
  FROM demo_people p
) AS counted
WHERE u.uuid = counted.uuid
  AND (u.followers_count, u.following_count) IS DISTINCT FROM (counted.followers, counted.following);

COMMIT;
