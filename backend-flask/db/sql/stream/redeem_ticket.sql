-- A ticket is used once: redeeming deletes it, fresh or not.
DELETE FROM stream_tickets
WHERE ticket_hash = %(ticket_hash)s
RETURNING cognito_user_id, token_issued_at, token_expires_at, expires_at > now() AS fresh
