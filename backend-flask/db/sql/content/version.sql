-- The content version, which every committed write that a read route shows moves
-- on, and the seconds until the next crud expires (null when none will).
SELECT
  (SELECT sum(version)::bigint FROM content_versions) AS version,
  extract(epoch FROM (SELECT min(expires_at) FROM activities WHERE expires_at > now()) - now())::float8
    AS next_expiry_seconds
