-- depends: 0015.visibility-probes
-- Live events for the stream process: a short replay log that NOTIFY wakes
-- listeners for, and the single-use tickets a browser opens a stream with.
--
-- Both tables are UNLOGGED: they write no WAL, so publishing an event costs no
-- disk flush. A clean restart keeps them; a crash empties them, and the streams
-- that come back tell their clients to refetch (their last event is gone). The
-- ids come from a logged sequence so that they keep rising across a crash.
CREATE SEQUENCE stream_event_ids;

CREATE UNLOGGED TABLE stream_events (
  id bigint PRIMARY KEY DEFAULT nextval('stream_event_ids'),
  kind text NOT NULL CHECK (kind IN ('message', 'notification', 'timeline', 'delete')),
  -- Who hears it: these people; or the followers of author_uuid who see
  -- them (a timeline event); or, with neither, everyone.
  recipients uuid[],
  author_uuid uuid,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER SEQUENCE stream_event_ids OWNED BY stream_events.id;
CREATE INDEX stream_events_created_at_idx ON stream_events (created_at);

CREATE UNLOGGED TABLE stream_tickets (
  ticket_hash text PRIMARY KEY,
  -- The token the ticket was asked for with: whose it is, when it was
  -- issued (sessions ended after it end the stream) and when it expires.
  cognito_user_id text NOT NULL,
  token_issued_at float8 NOT NULL,
  token_expires_at float8 NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX stream_tickets_expires_at_idx ON stream_tickets (expires_at);
