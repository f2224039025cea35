SELECT coalesce(max(id), 0) FROM stream_events
