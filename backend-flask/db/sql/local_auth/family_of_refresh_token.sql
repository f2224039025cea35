-- A refresh token that could not be spent: its family, and whether it was
-- spent just now by a request racing this one (tabs restored at once).
SELECT t.sub, t.family, i.handle,
       t.used_at > now() - make_interval(secs => %(grace_seconds)s)
         AND t.revoked_at IS NULL AND t.expires_at > now() AS just_spent
FROM local_refresh_tokens t
JOIN local_identities i USING (sub)
WHERE t.token_hash = %(token_hash)s
