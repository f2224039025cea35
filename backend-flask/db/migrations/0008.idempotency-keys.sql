-- depends: 0007.rate-limit-windows
-- Idempotency keys (lib/idempotency.py): the first answer to a keyed write, kept
-- 24 hours, so a retry with the same key gets it back instead of writing again.
-- A post or reply keeps its answer in the same transaction as the crud. A message
-- (written to DynamoDB) claims its key first, with no answer yet: created_at is
-- then also the message's time, and a retry writes the very same message.
CREATE TABLE idempotency_keys (
  user_uuid uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[ -~]{1,255}$'),
  -- sha256 of the route and the JSON body: the same key for another request is refused.
  request_hash bytea NOT NULL,
  status smallint,
  response text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_uuid, key),
  CHECK ((status IS NULL) = (response IS NULL))
);

-- bin/db/purge-expired deletes the keys older than 24 hours, oldest first.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
