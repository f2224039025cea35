-- A new avatar key for the user; returns the one it replaces.
UPDATE users u
SET avatar_key = %(avatar_key)s, updated_at = now()
FROM (SELECT uuid, avatar_key AS old_key FROM users WHERE uuid = %(user_uuid)s FOR UPDATE) previous
WHERE u.uuid = previous.uuid
RETURNING previous.old_key
