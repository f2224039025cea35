DELETE FROM rate_limit_windows WHERE key = %(key)s
