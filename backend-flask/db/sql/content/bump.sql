-- Moves the content version on for a write PostgreSQL does not see (a message in DynamoDB).
SELECT move_content_version()
