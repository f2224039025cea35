SELECT uuid, handle, display_name
FROM users
WHERE cognito_user_id = %(cognito_user_id)s
