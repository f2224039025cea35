-- Idempotent: confirming the same identity twice keeps the first row.
INSERT INTO users (cognito_user_id, handle, email, display_name)
VALUES (%(cognito_user_id)s, %(handle)s, %(email)s, %(display_name)s)
ON CONFLICT (cognito_user_id) DO NOTHING
