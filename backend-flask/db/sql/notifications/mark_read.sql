UPDATE notifications SET read_at = now() WHERE recipient_user_uuid = %(user_uuid)s AND read_at IS NULL
