-- One hit on a fixed window: a window that has ended starts again at `amount`.
-- Returns the hits so far and when the window ends (epoch seconds).
INSERT INTO rate_limit_windows AS w (key, hits, expires_at)
VALUES (%(key)s, %(amount)s, now() + make_interval(secs => %(expiry)s))
ON CONFLICT (key) DO UPDATE
SET hits = CASE WHEN w.expires_at <= now() THEN EXCLUDED.hits ELSE w.hits + EXCLUDED.hits END,
    expires_at = CASE WHEN w.expires_at <= now() THEN EXCLUDED.expires_at ELSE w.expires_at END
RETURNING hits, extract(epoch FROM expires_at)::float8 AS expires_at
