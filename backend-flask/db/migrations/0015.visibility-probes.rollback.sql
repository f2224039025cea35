-- Undoes 0015.visibility-probes: 0014's bodies.

CREATE OR REPLACE FUNCTION visible_activities(viewer uuid) RETURNS SETOF activities
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT a.* FROM live_activities() a
  WHERE NOT EXISTS (SELECT FROM users s WHERE s.uuid = a.user_uuid AND s.suspended_until > now())
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = viewer AND b.blocked_uuid = a.user_uuid)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = a.user_uuid AND b.blocked_uuid = viewer)
$$;

CREATE OR REPLACE FUNCTION timeline_activities(viewer uuid) RETURNS SETOF activities
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT a.* FROM visible_activities(viewer) a
  WHERE NOT EXISTS (SELECT FROM mutes m WHERE m.muter_uuid = viewer AND m.muted_uuid = a.user_uuid
                      AND (m.until IS NULL OR m.until > now()))
$$;

CREATE OR REPLACE FUNCTION visible_people(viewer uuid) RETURNS SETOF users
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT u.* FROM users u
  WHERE coalesce(u.suspended_until <= now(), true)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = viewer AND b.blocked_uuid = u.uuid)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = u.uuid AND b.blocked_uuid = viewer)
$$;

CREATE OR REPLACE FUNCTION timeline_people(viewer uuid) RETURNS SETOF users
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT u.* FROM visible_people(viewer) u
  WHERE NOT EXISTS (SELECT FROM mutes m WHERE m.muter_uuid = viewer AND m.muted_uuid = u.uuid
                      AND (m.until IS NULL OR m.until > now()))
$$;

CREATE OR REPLACE FUNCTION shown_notifications(recipient uuid) RETURNS SETOF notifications
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT n.* FROM notifications n
  WHERE n.recipient_user_uuid = recipient
    AND EXISTS (SELECT FROM timeline_people(recipient) p WHERE p.uuid = n.actor_user_uuid)
    AND (n.activity_uuid IS NULL OR EXISTS (SELECT FROM visible_activities(recipient) a WHERE a.uuid = n.activity_uuid))
    AND (n.reply_activity_uuid IS NULL
         OR EXISTS (SELECT FROM visible_activities(recipient) r WHERE r.uuid = n.reply_activity_uuid))
$$;

DROP FUNCTION shown_person(uuid, uuid);
