-- depends: 0012.keyset-page
-- The social graph: who follows whom, with both counts on the person kept
-- exact by the statements that follow and unfollow (db/sql/follows/), and a
-- `follow` notification.

CREATE TABLE follows (
  follower_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  followed_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_uuid, followed_uuid),
  CHECK (follower_uuid <> followed_uuid)
);
-- Whom a person follows, newest follow first (their following page).
CREATE INDEX follows_following_idx ON follows (follower_uuid, created_at DESC, followed_uuid DESC);
-- Who follows a person, newest first (their followers page).
CREATE INDEX follows_followers_idx ON follows (followed_uuid, created_at DESC, follower_uuid DESC);

-- activity_json() takes a users row, which pins the table's columns: it is
-- written again over the wider row.
DROP FUNCTION activity_json(activities, users, boolean, boolean);
ALTER TABLE users
  ADD COLUMN followers_count integer NOT NULL DEFAULT 0 CHECK (followers_count >= 0),
  ADD COLUMN following_count integer NOT NULL DEFAULT 0 CHECK (following_count >= 0);
-- A crud or reply as every list shows it. A plain expression, so that the
-- planner inlines it into the feed queries (no per-row function call). Now
-- with who reposted it, for a timeline that shows it for their repost.
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

-- A person as the people lists show them, with how they and the viewer
-- relate. A plain expression, like activity_json().
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

-- The most-followed people, for suggestions.
CREATE INDEX users_followers_idx ON users (followers_count DESC, uuid);

-- The following timeline reads everyone's cruds newest first and keeps those
-- of the people followed: with their authors (and expiry) in the index, from
-- the index alone.
DROP INDEX activities_home_idx;
CREATE INDEX activities_home_idx ON activities (created_at DESC, uuid DESC) INCLUDE (user_uuid, expires_at)
  WHERE reply_to_activity_uuid IS NULL;
-- It reads a person's reposts newest first, everyone's reposts newest first,
-- and a crud's newest reposts.
DROP INDEX reposts_user_idx;
CREATE INDEX reposts_user_idx ON reposts (user_uuid, created_at DESC, activity_uuid DESC);
CREATE INDEX reposts_time_idx ON reposts (created_at DESC, activity_uuid DESC) INCLUDE (user_uuid);
CREATE INDEX reposts_activity_time_idx ON reposts (activity_uuid, created_at DESC) INCLUDE (user_uuid);

-- "X followed you": about a person, not a crud.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications
  ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('reply', 'like', 'repost', 'follow')),
  ALTER COLUMN activity_uuid DROP NOT NULL,
  ADD CONSTRAINT notifications_about_check CHECK ((kind = 'follow') = (activity_uuid IS NULL));
-- One follow notification per pair at a time, however fast they follow and unfollow.
CREATE UNIQUE INDEX notifications_follow_once_idx ON notifications (actor_user_uuid, recipient_user_uuid)
  WHERE kind = 'follow';

-- The page envelope of 0012, now also for lists sorted by another time than
-- their items' `created_at` (a timeline by when each crud came into it, people
-- by when they were followed): `times` are the items' sort times, in order.
DROP FUNCTION keyset_page_with(json, json[], integer, text);
DROP FUNCTION keyset_page(json[], integer, text);

CREATE FUNCTION keyset_page(items json[], page_limit integer, otherwise text DEFAULT NULL,
                            times timestamptz[] DEFAULT NULL)
RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
  'items', coalesce(array_to_json(items[1:page_limit]), '[]'),
  'next_cursor', CASE
    WHEN cardinality(items) > page_limit
      THEN page_cursor(coalesce(iso_time(times[page_limit]), items[page_limit] ->> 'created_at'),
                       items[page_limit] ->> 'uuid')
    ELSE otherwise END);

CREATE FUNCTION keyset_page_with(fields json, items json[], page_limit integer, otherwise text DEFAULT NULL,
                                 times timestamptz[] DEFAULT NULL)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN left(fields::text, -1) || ', ' || substr(keyset_page(items, page_limit, otherwise, times)::text, 2);
