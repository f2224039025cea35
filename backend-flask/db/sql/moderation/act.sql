-- A moderator acts on an open report: `dismiss`, `remove` its crud (hidden
-- from everyone), or `suspend` its target for `lifetime` (an interval; NULL:
-- until lifted). The action closes every open report of the same target,
-- lands in the audit log, and the thread stays held for 30 days after its
-- last open report closes; removing needs a crud. The report's uuid, whether
-- it is about a crud, and whether this action closed it (not when it was
-- closed already, nor for removing a person); no row when there is no such report.
WITH report AS (
  SELECT * FROM reports WHERE uuid = %(report_uuid)s FOR UPDATE
),
closing AS (
  UPDATE reports r SET closed_at = now(), resolution = %(resolution)s
  FROM report t
  WHERE t.closed_at IS NULL
    AND NOT (%(action)s = 'remove' AND t.activity_uuid IS NULL)
    AND r.closed_at IS NULL
    AND r.target_user_uuid = t.target_user_uuid
    AND r.activity_uuid IS NOT DISTINCT FROM t.activity_uuid
  RETURNING r.uuid
),
-- One UPDATE for the crud and its thread's first crud (often the same row,
-- which one statement can change only once): removed, and held on.
settled AS (
  UPDATE activities a SET
    removed_at = CASE WHEN %(action)s = 'remove' AND a.uuid = t.activity_uuid THEN now() ELSE a.removed_at END,
    held_until = CASE WHEN a.uuid <> t.thread_uuid THEN a.held_until
      WHEN EXISTS (SELECT FROM reports o
                   WHERE o.thread_uuid = t.thread_uuid AND o.closed_at IS NULL
                     AND o.uuid NOT IN (SELECT uuid FROM closing)) THEN 'infinity'
      ELSE now() + interval '30 days' END
  FROM report t
  WHERE a.uuid IN (t.activity_uuid, t.thread_uuid) AND EXISTS (SELECT FROM closing)
),
suspended AS (
  UPDATE users u SET suspended_until = coalesce(now() + %(lifetime)s::interval, 'infinity')
  FROM report t
  WHERE %(action)s = 'suspend' AND u.uuid = t.target_user_uuid AND EXISTS (SELECT FROM closing)
  RETURNING u.suspended_until
),
logged AS (
  INSERT INTO moderation_actions (moderator_uuid, action, reason, report_uuid, target_user_uuid, activity_uuid,
                                  suspended_until)
  SELECT %(moderator_uuid)s, %(action)s, %(reason)s, t.uuid, t.target_user_uuid, t.activity_uuid,
    (SELECT suspended_until FROM suspended)
  FROM report t
  WHERE EXISTS (SELECT FROM closing)
)
SELECT t.uuid, t.activity_uuid, t.activity_uuid IS NOT NULL AS about_a_crud, EXISTS (SELECT FROM closing) AS closed_now
FROM report t
