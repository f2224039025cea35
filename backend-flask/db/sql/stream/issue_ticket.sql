INSERT INTO stream_tickets (ticket_hash, cognito_user_id, token_issued_at, token_expires_at, expires_at)
VALUES (%(ticket_hash)s, %(cognito_user_id)s, %(token_issued_at)s, %(token_expires_at)s,
        now() + make_interval(secs => %(lifetime)s))
