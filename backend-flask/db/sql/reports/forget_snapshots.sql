-- One batch of reports closed more than 30 days ago: the snapshot of their
-- crud goes (the report and the audit log stay).
UPDATE reports SET snapshot = NULL
WHERE uuid IN (
  SELECT uuid FROM reports
  WHERE snapshot IS NOT NULL AND closed_at IS NOT NULL AND closed_at < now() - interval '30 days'
  ORDER BY closed_at
  LIMIT %(batch)s
  FOR UPDATE SKIP LOCKED
)
