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
