-- depends: 0014.safety
-- The visibility checks as one index probe a crud (a subplan each), as
-- 0014 meant them: left to itself, the planner joined each page against the
-- viewer's whole list of blocks and mutes, read once and compared with every
-- crud (measured at 1,000,000 cruds, 1,000 blocks and 1,000 mutes: the public
-- page 3.9 ms against 1.3 ms without any; with OFFSET 0, which keeps each
-- NOT EXISTS a subquery of its own, 0.6 ms against 0.5 ms), and, when most
-- blocks were one person's, it expected every viewer to have as many and read
-- every crud.
--
-- Notifications check less per row: each is about the recipient's own crud
-- (a like, repost or reply of it), which only its expiry or removal can hide
-- from them, and a reply is by the actor, whom the recipient's rules are
-- checked for already (by shown_person(), which reads no row of theirs). The
-- unread count reads every unread notification: checking each one's crud and
-- reply against every rule made the notifications page twice as slow.

CREATE OR REPLACE FUNCTION visible_activities(viewer uuid) RETURNS SETOF activities
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT a.* FROM live_activities() a
  WHERE NOT EXISTS (SELECT FROM users s WHERE s.uuid = a.user_uuid AND s.suspended_until > now() OFFSET 0)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = viewer AND b.blocked_uuid = a.user_uuid OFFSET 0)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = a.user_uuid AND b.blocked_uuid = viewer OFFSET 0)
$$;

CREATE OR REPLACE FUNCTION timeline_activities(viewer uuid) RETURNS SETOF activities
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT a.* FROM visible_activities(viewer) a
  WHERE NOT EXISTS (SELECT FROM mutes m WHERE m.muter_uuid = viewer AND m.muted_uuid = a.user_uuid
                      AND (m.until IS NULL OR m.until > now()) OFFSET 0)
$$;

CREATE OR REPLACE FUNCTION visible_people(viewer uuid) RETURNS SETOF users
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT u.* FROM users u
  WHERE coalesce(u.suspended_until <= now(), true)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = viewer AND b.blocked_uuid = u.uuid OFFSET 0)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = u.uuid AND b.blocked_uuid = viewer OFFSET 0)
$$;

CREATE OR REPLACE FUNCTION timeline_people(viewer uuid) RETURNS SETOF users
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT u.* FROM visible_people(viewer) u
  WHERE NOT EXISTS (SELECT FROM mutes m WHERE m.muter_uuid = viewer AND m.muted_uuid = u.uuid
                      AND (m.until IS NULL OR m.until > now()) OFFSET 0)
$$;

-- Whether the viewer's timelines show a person known only by uuid: the rules
-- of timeline_people() without reading the person's row (a row when shown).
CREATE FUNCTION shown_person(viewer uuid, person uuid) RETURNS SETOF integer
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT 1
  WHERE NOT EXISTS (SELECT FROM users s WHERE s.uuid = person AND s.suspended_until > now() OFFSET 0)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = viewer AND b.blocked_uuid = person OFFSET 0)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = person AND b.blocked_uuid = viewer OFFSET 0)
    AND NOT EXISTS (SELECT FROM mutes m WHERE m.muter_uuid = viewer AND m.muted_uuid = person
                      AND (m.until IS NULL OR m.until > now()) OFFSET 0)
$$;

CREATE OR REPLACE FUNCTION shown_notifications(recipient uuid) RETURNS SETOF notifications
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT n.* FROM notifications n
  WHERE n.recipient_user_uuid = recipient
    AND EXISTS (SELECT FROM shown_person(recipient, n.actor_user_uuid))
    AND (n.activity_uuid IS NULL
         OR EXISTS (SELECT FROM live_activities() a WHERE a.uuid = n.activity_uuid OFFSET 0))
    AND (n.reply_activity_uuid IS NULL
         OR EXISTS (SELECT FROM live_activities() r WHERE r.uuid = n.reply_activity_uuid OFFSET 0))
$$;
