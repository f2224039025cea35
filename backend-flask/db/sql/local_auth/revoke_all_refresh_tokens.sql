UPDATE local_refresh_tokens SET revoked_at = now() WHERE sub = %(sub)s AND revoked_at IS NULL
