SELECT CASE WHEN expires_at > now() THEN hits ELSE 0 END AS hits,
       extract(epoch FROM greatest(expires_at, now()))::float8 AS expires_at
FROM rate_limit_windows
WHERE key = %(key)s
