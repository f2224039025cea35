DROP TABLE stream_tickets;
DROP TABLE stream_events;
