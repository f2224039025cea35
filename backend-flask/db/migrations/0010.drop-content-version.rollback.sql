-- The content version as 0005.content-version created it.
CREATE TABLE content_versions (
  stripe smallint PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0
);
INSERT INTO content_versions (stripe) SELECT generate_series(0, 15);

-- One step on; the stripe is the backend's, so concurrent writers rarely share one.
CREATE FUNCTION move_content_version() RETURNS void
LANGUAGE sql
BEGIN ATOMIC
  UPDATE content_versions SET version = version + 1 WHERE stripe = pg_backend_pid() % 16;
END;

CREATE FUNCTION bump_content_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Once per transaction: the setting is local to it.
  IF current_setting('cruddur.content_version_bumped', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('cruddur.content_version_bumped', 'on', true);
    PERFORM move_content_version();
  END IF;
  RETURN NULL;
END
$$;

-- Deferred to commit, so the stripe's row lock is the transaction's last lock and
-- is held only while it commits: no writer can wait on it while holding another.
CREATE CONSTRAINT TRIGGER activities_content_version AFTER INSERT OR UPDATE OR DELETE ON activities
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER likes_content_version AFTER INSERT OR UPDATE OR DELETE ON likes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER reposts_content_version AFTER INSERT OR UPDATE OR DELETE ON reposts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER notifications_content_version AFTER INSERT OR UPDATE OR DELETE ON notifications
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER users_content_version AFTER INSERT OR UPDATE OR DELETE ON users
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();

-- TRUNCATE fires no row triggers.
CREATE TRIGGER activities_content_version_truncate AFTER TRUNCATE ON activities
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER likes_content_version_truncate AFTER TRUNCATE ON likes
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER reposts_content_version_truncate AFTER TRUNCATE ON reposts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER notifications_content_version_truncate AFTER TRUNCATE ON notifications
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER users_content_version_truncate AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
