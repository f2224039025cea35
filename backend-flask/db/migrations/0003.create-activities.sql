-- depends: 0002.create-local-identities
-- Cruds and what hangs off them: replies (activities with a parent), likes,
-- reposts and notifications. Counters on activities are kept exact by the
-- statements that change likes, reposts and replies.

CREATE TABLE activities (
  uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 280 AND message = btrim(message)),
  -- The time-to-live the author picked; replies have none: they expire with their thread.
  ttl text CHECK (ttl IN ('1-hour', '3-hours', '12-hours', '1-day', '3-days', '7-days', '30-days')),
  reply_to_activity_uuid uuid REFERENCES activities (uuid) ON DELETE CASCADE,
  replies_count integer NOT NULL DEFAULT 0 CHECK (replies_count >= 0),
  likes_count integer NOT NULL DEFAULT 0 CHECK (likes_count >= 0),
  reposts_count integer NOT NULL DEFAULT 0 CHECK (reposts_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', message)) STORED,
  CHECK ((reply_to_activity_uuid IS NULL) = (ttl IS NOT NULL)),
  CHECK (expires_at > created_at)
);

-- Home feed: top-level cruds, newest first.
CREATE INDEX activities_home_idx ON activities (created_at DESC, uuid DESC) WHERE reply_to_activity_uuid IS NULL;
-- A user's feed.
CREATE INDEX activities_user_idx ON activities (user_uuid, created_at DESC, uuid DESC) WHERE reply_to_activity_uuid IS NULL;
-- A crud's replies, oldest first.
CREATE INDEX activities_replies_idx ON activities (reply_to_activity_uuid, created_at, uuid)
  WHERE reply_to_activity_uuid IS NOT NULL;
-- Full-text search.
CREATE INDEX activities_search_idx ON activities USING gin (search_vector);
-- bin/db/purge-expired.
CREATE INDEX activities_expires_at_idx ON activities (expires_at);

CREATE TABLE likes (
  activity_uuid uuid NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
  user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (activity_uuid, user_uuid)
);
CREATE INDEX likes_user_idx ON likes (user_uuid);

CREATE TABLE reposts (
  activity_uuid uuid NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
  user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (activity_uuid, user_uuid)
);
CREATE INDEX reposts_user_idx ON reposts (user_uuid);

CREATE TABLE notifications (
  uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  actor_user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('reply', 'like', 'repost')),
  -- The recipient's crud that was replied to, liked or reposted.
  activity_uuid uuid NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
  -- For replies: the reply itself.
  reply_activity_uuid uuid REFERENCES activities (uuid) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  CHECK ((kind = 'reply') = (reply_activity_uuid IS NOT NULL)),
  CHECK (recipient_user_uuid <> actor_user_uuid)
);
CREATE INDEX notifications_recipient_idx ON notifications (recipient_user_uuid, created_at DESC, uuid DESC);
CREATE INDEX notifications_unread_idx ON notifications (recipient_user_uuid) WHERE read_at IS NULL;
CREATE INDEX notifications_activity_idx ON notifications (activity_uuid);
CREATE INDEX notifications_reply_idx ON notifications (reply_activity_uuid) WHERE reply_activity_uuid IS NOT NULL;
-- One like or repost notification per person and crud, however often they toggle.
CREATE UNIQUE INDEX notifications_once_idx ON notifications (kind, actor_user_uuid, activity_uuid)
  WHERE kind IN ('like', 'repost');

-- An opaque, URL-safe page cursor from its parts.
CREATE FUNCTION page_cursor(variadic parts text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN rtrim(translate(encode(convert_to(array_to_string(parts, '|'), 'UTF8'), 'base64'), E'+/\n', '-_'), '=');

-- A timestamp as the API writes it: UTC ISO-8601 with microseconds.
CREATE FUNCTION iso_time(t timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');

-- Where a user's avatar is: the processed image of the given size, or the
-- generated placeholder for people without one. The bases are set per
-- connection by the API (cruddur.assets_base, cruddur.placeholder_base).
CREATE FUNCTION avatar_url(avatar_key text, handle text, size integer) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN CASE
  WHEN avatar_key IS NULL THEN current_setting('cruddur.placeholder_base', true) || lower(handle) || '.svg'
  ELSE current_setting('cruddur.assets_base', true) || avatar_key || '-' || size || '.webp'
END;

-- A crud or reply as every list shows it. A plain expression, so that the
-- planner inlines it into the feed queries (no per-row function call).
CREATE FUNCTION activity_json(a activities, author users, liked boolean, reposted boolean) RETURNS json
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
  'reposted', reposted
);
