-- Keeps the answer under a claimed key and moves the content version on (a message
-- in DynamoDB, as content/bump): one statement for both.
WITH answered AS (
  UPDATE idempotency_keys
  SET status = %(status)s, response = %(response)s
  WHERE user_uuid = %(user_uuid)s AND key = %(key)s AND status IS NULL
)
SELECT move_content_version()
