-- One hit on each of a request's fixed windows, in one statement: a window that
-- has ended starts again at `amount`. Keys go in sorted, so that requests naming
-- the same windows lock them in the same order. Returns each window's hits so far
-- and when it ends (epoch seconds).
INSERT INTO rate_limit_windows AS w (key, hits, expires_at)
SELECT key, %(amount)s, now() + make_interval(secs => %(expiry)s)
FROM unnest(%(keys)s::text[]) AS key
ORDER BY key
ON CONFLICT (key) DO UPDATE
SET hits = CASE WHEN w.expires_at <= now() THEN EXCLUDED.hits ELSE w.hits + EXCLUDED.hits END,
    expires_at = CASE WHEN w.expires_at <= now() THEN EXCLUDED.expires_at ELSE w.expires_at END
RETURNING key, hits, extract(epoch FROM expires_at)::float8 AS expires_at
