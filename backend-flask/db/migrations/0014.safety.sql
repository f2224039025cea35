-- depends: 0013.follows
-- Safety: blocks and mutes between people, reports and the moderators who
-- act on them (with an audit log), removed cruds, suspended people, and the
-- one place every read learns what a viewer may see (visible_activities,
-- timeline_activities, visible_people).

-- Who moderates, and who is suspended until when ('infinity': until lifted).
-- activity_json() and person_json() take users and activities rows, which pins
-- those tables' columns: they are written again over the wider rows.
DROP FUNCTION activity_json(activities, users, boolean, boolean, users, timestamptz);
DROP FUNCTION person_json(users, boolean, boolean);
ALTER TABLE users
  ADD COLUMN role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'moderator', 'admin')),
  ADD COLUMN suspended_until timestamptz;
-- A removed crud is hidden from everyone; a held one (reported, on a thread's
-- first crud) is kept past its expiry until held_until, for the moderators.
ALTER TABLE activities
  ADD COLUMN removed_at timestamptz,
  ADD COLUMN held_until timestamptz;

CREATE FUNCTION activity_json(a activities, author users, liked boolean, reposted boolean,
                              reposter users DEFAULT NULL, reposted_at timestamptz DEFAULT NULL) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
  'uuid', a.uuid,
  'handle', author.handle,
  'display_name', author.display_name,
  'avatar_url', avatar_url(author.avatar_key, author.handle, 128),
  'message', a.message,
  'ttl', a.ttl,
  'reply_to_activity_uuid', a.reply_to_activity_uuid,
  'replies_count', a.replies_count,
  'likes_count', a.likes_count,
  'reposts_count', a.reposts_count,
  'created_at', iso_time(a.created_at),
  'expires_at', iso_time(a.expires_at),
  'liked', liked,
  'reposted', reposted,
  'reposted_by', CASE WHEN (reposter).uuid IS NOT NULL THEN json_build_object(
    'handle', reposter.handle,
    'display_name', reposter.display_name,
    'reposted_at', iso_time(reposted_at)) END
);

CREATE FUNCTION person_json(p users, followed_by_me boolean, follows_me boolean) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
  'uuid', p.uuid,
  'handle', p.handle,
  'display_name', p.display_name,
  'avatar_url', avatar_url(p.avatar_key, p.handle, 128),
  'bio', p.bio,
  'followers_count', p.followers_count,
  'following_count', p.following_count,
  'followed_by_me', followed_by_me,
  'follows_me', follows_me
);

-- The suspended few, read from the index alone by every visibility check.
CREATE INDEX users_suspended_idx ON users (uuid) INCLUDE (suspended_until) WHERE suspended_until IS NOT NULL;
-- Everyone's cruds, newest first, without the removed ones (the timelines),
-- which visible_activities() never reads.
DROP INDEX activities_home_idx;
CREATE INDEX activities_home_idx ON activities (created_at DESC, uuid DESC) INCLUDE (user_uuid, expires_at)
  WHERE reply_to_activity_uuid IS NULL AND removed_at IS NULL;
-- A person's cruds, newest first, without the removed ones (profiles, timelines by author).
DROP INDEX activities_user_idx;
CREATE INDEX activities_user_idx ON activities (user_uuid, created_at DESC, uuid DESC) INCLUDE (expires_at)
  WHERE reply_to_activity_uuid IS NULL AND removed_at IS NULL;
CREATE INDEX activities_held_idx ON activities (held_until) WHERE held_until IS NOT NULL;

CREATE TABLE blocks (
  blocker_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  blocked_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (blocker_uuid, blocked_uuid),
  CHECK (blocker_uuid <> blocked_uuid)
);
-- Who blocked a person (a block works both ways).
CREATE INDEX blocks_blocked_idx ON blocks (blocked_uuid, blocker_uuid);
-- The blocker's list, newest first.
CREATE INDEX blocks_list_idx ON blocks (blocker_uuid, created_at DESC, blocked_uuid DESC);

CREATE TABLE mutes (
  muter_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  muted_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  until timestamptz,  -- NULL: until undone
  PRIMARY KEY (muter_uuid, muted_uuid) INCLUDE (until),
  CHECK (muter_uuid <> muted_uuid)
);
CREATE INDEX mutes_list_idx ON mutes (muter_uuid, created_at DESC, muted_uuid DESC);

-- A report is about a crud (activity_uuid, on the thread whose first crud is
-- thread_uuid) or a person (both NULL). No foreign key to activities: the
-- report outlives the crud, and its snapshot keeps the crud and its context
-- as they were when reported (until 30 days after the report is closed).
CREATE TABLE reports (
  uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reporter_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  target_user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  activity_uuid uuid,
  thread_uuid uuid,
  reason text NOT NULL CHECK (reason IN ('spam', 'harassment', 'illegal', 'other')),
  comment text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 1000),
  snapshot json,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  resolution text CHECK (resolution IN ('dismissed', 'removed', 'suspended')),
  CHECK ((closed_at IS NULL) = (resolution IS NULL)),
  CHECK ((activity_uuid IS NULL) = (thread_uuid IS NULL))
);
-- One open report per reporter and target.
CREATE UNIQUE INDEX reports_open_once_idx
  ON reports (reporter_uuid, target_user_uuid, coalesce(activity_uuid, '00000000-0000-0000-0000-000000000000'))
  WHERE closed_at IS NULL;
-- The queue: open reports, then closed ones, newest first.
CREATE INDEX reports_open_idx ON reports (created_at DESC, uuid DESC) WHERE closed_at IS NULL;
CREATE INDEX reports_closed_idx ON reports (created_at DESC, uuid DESC) WHERE closed_at IS NOT NULL;
CREATE INDEX reports_thread_idx ON reports (thread_uuid) WHERE thread_uuid IS NOT NULL;
CREATE INDEX reports_target_idx ON reports (target_user_uuid) WHERE closed_at IS NULL;
CREATE INDEX reports_snapshot_kept_idx ON reports (closed_at) WHERE snapshot IS NOT NULL AND closed_at IS NOT NULL;

-- The audit log: every moderator's action, with who, what, when and why.
CREATE TABLE moderation_actions (
  uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  moderator_uuid uuid NOT NULL REFERENCES users (uuid),
  action text NOT NULL CHECK (action IN ('dismiss', 'remove', 'suspend', 'unsuspend')),
  reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
  report_uuid uuid REFERENCES reports (uuid),
  target_user_uuid uuid NOT NULL REFERENCES users (uuid),
  activity_uuid uuid,
  suspended_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_actions_log_idx ON moderation_actions (created_at DESC, uuid DESC);

-- The visibility rules, in one place: every read route finds cruds and
-- people through these. Each is a single SELECT that the planner inlines into
-- the read (the checks written out here, not in functions of their own, which
-- it could not inline), given the viewer's uuid as a bound parameter (NULL:
-- nobody signed in). Each check probes an index once a row, whatever the
-- number of blocks or mutes.

-- Cruds and replies that anyone may see, as far as the crud itself goes:
-- live and not removed. Only for the cruds of one person already found
-- through visible_people() (or timeline_people()), whose rules are the rest:
-- checked once for the person rather than once a crud (where the author is
-- fixed, the planner also misjudges how many cruds the per-crud checks keep).
CREATE FUNCTION live_activities() RETURNS SETOF activities
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT a.* FROM activities a WHERE a.expires_at > now() AND a.removed_at IS NULL
$$;

-- The cruds and replies the viewer may see anywhere: live, not removed, by
-- someone not suspended, and no block between them either way.
CREATE FUNCTION visible_activities(viewer uuid) RETURNS SETOF activities
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT a.* FROM live_activities() a
  WHERE NOT EXISTS (SELECT FROM users s WHERE s.uuid = a.user_uuid AND s.suspended_until > now())
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = viewer AND b.blocked_uuid = a.user_uuid)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = a.user_uuid AND b.blocked_uuid = viewer)
$$;

-- Those of them the viewer's timelines, search and notifications show: not
-- by someone they muted.
CREATE FUNCTION timeline_activities(viewer uuid) RETURNS SETOF activities
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT a.* FROM visible_activities(viewer) a
  WHERE NOT EXISTS (SELECT FROM mutes m WHERE m.muter_uuid = viewer AND m.muted_uuid = a.user_uuid
                      AND (m.until IS NULL OR m.until > now()))
$$;

-- The people the viewer may see: not suspended, and no block between them.
CREATE FUNCTION visible_people(viewer uuid) RETURNS SETOF users
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT u.* FROM users u
  WHERE coalesce(u.suspended_until <= now(), true)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = viewer AND b.blocked_uuid = u.uuid)
    AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = u.uuid AND b.blocked_uuid = viewer)
$$;

-- Those of them the viewer's notifications and suggestions show: not muted.
CREATE FUNCTION timeline_people(viewer uuid) RETURNS SETOF users
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT u.* FROM visible_people(viewer) u
  WHERE NOT EXISTS (SELECT FROM mutes m WHERE m.muter_uuid = viewer AND m.muted_uuid = u.uuid
                      AND (m.until IS NULL OR m.until > now()))
$$;

-- The recipient's notifications that they may see: from someone they may see
-- and have not muted, about a crud (and reply) they may see.
CREATE FUNCTION shown_notifications(recipient uuid) RETURNS SETOF notifications
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT n.* FROM notifications n
  WHERE n.recipient_user_uuid = recipient
    AND EXISTS (SELECT FROM timeline_people(recipient) p WHERE p.uuid = n.actor_user_uuid)
    AND (n.activity_uuid IS NULL OR EXISTS (SELECT FROM visible_activities(recipient) a WHERE a.uuid = n.activity_uuid))
    AND (n.reply_activity_uuid IS NULL
         OR EXISTS (SELECT FROM visible_activities(recipient) r WHERE r.uuid = n.reply_activity_uuid))
$$;

-- A report as the moderators' lists show it: with the crud's state now (or
-- as the snapshot kept it, once deleted).
CREATE FUNCTION report_json(r reports, reporter users, target users, crud activities) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
  'uuid', r.uuid,
  'reason', r.reason,
  'comment', r.comment,
  'created_at', iso_time(r.created_at),
  'closed_at', iso_time(r.closed_at),
  'resolution', r.resolution,
  'reporter', json_build_object(
    'handle', reporter.handle,
    'display_name', reporter.display_name,
    'avatar_url', avatar_url(reporter.avatar_key, reporter.handle, 128)),
  'target', json_build_object(
    'handle', target.handle,
    'display_name', target.display_name,
    'avatar_url', avatar_url(target.avatar_key, target.handle, 128),
    'suspended_until', CASE WHEN target.suspended_until > now() THEN iso_time(nullif(target.suspended_until, 'infinity')) END,
    'suspended', coalesce(target.suspended_until > now(), false)),
  'activity', CASE WHEN r.activity_uuid IS NOT NULL THEN json_build_object(
    'uuid', r.activity_uuid,
    'message', coalesce(crud.message, r.snapshot -> 'activity' ->> 'message'),
    'handle', target.handle,
    'expires_at', coalesce(iso_time(crud.expires_at), r.snapshot -> 'activity' ->> 'expires_at'),
    'state', CASE
      WHEN (crud).uuid IS NULL THEN 'deleted'
      WHEN crud.removed_at IS NOT NULL THEN 'removed'
      WHEN crud.expires_at <= now() THEN 'expired'
      ELSE 'live' END) END
);
