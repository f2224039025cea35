UPDATE users
SET display_name = %(display_name)s, bio = %(bio)s, updated_at = now()
WHERE uuid = %(user_uuid)s
