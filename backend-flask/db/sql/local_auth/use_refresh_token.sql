-- Spends a live, unused refresh token (once: a concurrent second use finds it used).
UPDATE local_refresh_tokens t
SET used_at = now()
FROM local_identities i
WHERE t.token_hash = %(token_hash)s AND i.sub = t.sub
  AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now()
RETURNING t.sub, t.family, i.handle
