-- Keeps the answer under a claimed key, once the write it claimed for is done
-- (a message, in DynamoDB).
UPDATE idempotency_keys
SET status = %(status)s, response = %(response)s
WHERE user_uuid = %(user_uuid)s AND key = %(key)s AND status IS NULL
