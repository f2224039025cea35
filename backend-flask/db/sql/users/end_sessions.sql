-- Access tokens issued until now stop working (lib/cognito_jwt_token.py).
UPDATE users SET sessions_ended_at = now() WHERE cognito_user_id = %(cognito_user_id)s
