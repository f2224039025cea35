-- Seconds until the next crud expires (null when none will).
SELECT extract(epoch FROM min(expires_at) - now())::float8 FROM activities WHERE expires_at > now()
