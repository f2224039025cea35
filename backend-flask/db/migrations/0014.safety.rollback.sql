-- Undoes 0014.safety.
DROP FUNCTION report_json(reports, users, users, activities);
DROP FUNCTION shown_notifications(uuid);
DROP FUNCTION timeline_people(uuid);
DROP FUNCTION visible_people(uuid);
DROP FUNCTION timeline_activities(uuid);
DROP FUNCTION visible_activities(uuid);
DROP FUNCTION live_activities();
DROP TABLE moderation_actions;
DROP TABLE reports;
DROP TABLE mutes;
DROP TABLE blocks;

DROP INDEX activities_held_idx;
DROP INDEX activities_home_idx;
CREATE INDEX activities_home_idx ON activities (created_at DESC, uuid DESC) INCLUDE (user_uuid, expires_at)
  WHERE reply_to_activity_uuid IS NULL;
DROP INDEX activities_user_idx;
CREATE INDEX activities_user_idx ON activities (user_uuid, created_at DESC, uuid DESC) INCLUDE (expires_at)
  WHERE reply_to_activity_uuid IS NULL;
DROP INDEX users_suspended_idx;

DROP FUNCTION person_json(users, boolean, boolean);
DROP FUNCTION activity_json(activities, users, boolean, boolean, users, timestamptz);
ALTER TABLE activities DROP COLUMN held_until, DROP COLUMN removed_at;
ALTER TABLE users DROP COLUMN suspended_until, DROP COLUMN role;
-- 0013's functions, over the narrower rows.
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
