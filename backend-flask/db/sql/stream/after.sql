-- The events after an id, oldest first: what a stream process has not yet
-- handed to its streams.
SELECT id, kind, recipients, author_uuid, data
FROM stream_events
WHERE id > %(after)s
ORDER BY id
LIMIT %(limit)s
