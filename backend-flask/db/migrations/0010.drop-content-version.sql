-- depends: 0009.sessions-that-end
-- The read routes build every answer from PostgreSQL (no per-process cache), so
-- nothing reads the content version of 0005 any more: its triggers, functions
-- and table go, and no write pays for moving it on.
DROP TRIGGER users_content_version_truncate ON users;
DROP TRIGGER notifications_content_version_truncate ON notifications;
DROP TRIGGER reposts_content_version_truncate ON reposts;
DROP TRIGGER likes_content_version_truncate ON likes;
DROP TRIGGER activities_content_version_truncate ON activities;
DROP TRIGGER users_content_version ON users;
DROP TRIGGER notifications_content_version ON notifications;
DROP TRIGGER reposts_content_version ON reposts;
DROP TRIGGER likes_content_version ON likes;
DROP TRIGGER activities_content_version ON activities;
DROP FUNCTION bump_content_version();
DROP FUNCTION move_content_version();
DROP TABLE content_versions;
