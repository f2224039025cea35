-- One live event into the replay log, and a wake-up for the stream processes
-- (NOTIFY, sent at commit). The lock makes events commit in the order of
-- their ids, so a listener that has read up to an id has missed none below it.
WITH in_order AS (SELECT pg_advisory_xact_lock('stream_events'::regclass::oid::bigint)),
event AS (
  INSERT INTO stream_events (kind, recipients, author_uuid, data)
  SELECT %(kind)s, %(recipients)s::uuid[], %(author_uuid)s::uuid, %(data)s::jsonb FROM in_order
  RETURNING id
)
SELECT id, pg_notify('stream_events', id::text) FROM event
