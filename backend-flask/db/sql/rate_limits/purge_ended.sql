DELETE FROM rate_limit_windows WHERE expires_at <= now()
