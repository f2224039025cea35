-- One report, with the crud and its context as they were when it was reported
-- (kept until 30 days after the report is closed) and how many reports of its
-- target are open, as JSON; null when there is no such report.
SELECT json_build_object(
  'report', report_json(r, reporter, target, crud),
  'snapshot', r.snapshot,
  'open_reports_on_target', (
    SELECT count(*) FROM reports o
    WHERE o.closed_at IS NULL AND o.target_user_uuid = r.target_user_uuid
      AND o.activity_uuid IS NOT DISTINCT FROM r.activity_uuid))::text
FROM reports r
JOIN users reporter ON reporter.uuid = r.reporter_uuid
JOIN users target ON target.uuid = r.target_user_uuid
LEFT JOIN activities crud ON crud.uuid = r.activity_uuid
WHERE r.uuid = %(report_uuid)s
