UPDATE local_refresh_tokens SET revoked_at = now() WHERE token_hash = %(token_hash)s AND revoked_at IS NULL
