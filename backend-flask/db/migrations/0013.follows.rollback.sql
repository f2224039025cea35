DROP FUNCTION keyset_page_with(json, json[], integer, text, timestamptz[]);
DROP FUNCTION keyset_page(json[], integer, text, timestamptz[]);
CREATE FUNCTION keyset_page(items json[], page_limit integer, otherwise text DEFAULT NULL)
RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
  'items', coalesce(array_to_json(items[1:page_limit]), '[]'),
  'next_cursor', CASE
    WHEN cardinality(items) > page_limit
      THEN page_cursor(items[page_limit] ->> 'created_at', items[page_limit] ->> 'uuid')
    ELSE otherwise END);

-- The page with other fields of the answer before it (`fields`, a JSON object
-- of at least one field), as JSON text.
CREATE FUNCTION keyset_page_with(fields json, items json[], page_limit integer, otherwise text DEFAULT NULL)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN left(fields::text, -1) || ', ' || substr(keyset_page(items, page_limit, otherwise)::text, 2);

DROP INDEX notifications_follow_once_idx;
DELETE FROM notifications WHERE kind = 'follow';
ALTER TABLE notifications
  DROP CONSTRAINT notifications_about_check,
  DROP CONSTRAINT notifications_kind_check,
  ALTER COLUMN activity_uuid SET NOT NULL,
  ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('reply', 'like', 'repost'));

DROP INDEX activities_home_idx;
CREATE INDEX activities_home_idx ON activities (created_at DESC, uuid DESC) WHERE reply_to_activity_uuid IS NULL;
DROP INDEX reposts_activity_time_idx;
DROP INDEX reposts_time_idx;
DROP INDEX reposts_user_idx;
CREATE INDEX reposts_user_idx ON reposts (user_uuid);

DROP INDEX users_followers_idx;
DROP FUNCTION person_json(users, boolean, boolean);
DROP FUNCTION activity_json(activities, users, boolean, boolean, users, timestamptz);
ALTER TABLE users DROP COLUMN following_count, DROP COLUMN followers_count;
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
DROP TABLE follows;
