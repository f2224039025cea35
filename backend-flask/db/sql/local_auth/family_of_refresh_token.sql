SELECT sub, family FROM local_refresh_tokens WHERE token_hash = %(token_hash)s
