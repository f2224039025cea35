SELECT t.sub, i.handle
FROM local_refresh_tokens t
JOIN local_identities i USING (sub)
WHERE t.token_hash = %(token_hash)s AND t.revoked_at IS NULL AND t.expires_at > now()
