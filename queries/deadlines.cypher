// name: deadlines
// description: Nhiệm vụ có hạn (đến một ngày nếu cho) hoặc định kỳ, người chủ trì và tình trạng tính đến một ngày
// param: before STRING  (optional) ISO date: only deadlines up to this day
// param: as_of  STRING  ISO date the status is computed for
// param: soon   STRING  ISO date until which an open task counts as due soon
MATCH (n:Notice)-[:CONTAINS]->(t:Task)
WHERE (t.deadline_end IS NOT NULL AND (t.deadline_end <= date($before) OR $before IS NULL))
   OR t.recurrence_rule IS NOT NULL
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(o)
WHERE a.role = 'lead'
RETURN t.key AS task, t.id AS id, t.ordinal AS ordinal, t.ref AS ref, t.text AS text, t.deadline AS deadline,
       t.deadline_end AS deadline_end, t.deadline_time AS deadline_time, t.deadline_text AS deadline_text,
       t.recurrence_rule AS recurrence_rule, t.recurrence_on AS recurrence_on, t.recurrence_text AS recurrence_text,
       t.done_on AS done_on, t.done_by AS done_by, t.done_note AS done_note, t.deadline_by AS deadline_by,
       n.key AS notice, n.path AS path, n.title AS notice_title, n.date AS notice_date,
       o.name AS lead,
       CASE WHEN t.recurrence_rule IS NOT NULL THEN 'recurring'
            WHEN t.done_on IS NOT NULL AND t.done_on <= date($as_of) THEN
                 CASE WHEN t.done_on <= t.deadline_end THEN 'done_on_time' ELSE 'done_late' END
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END AS status
ORDER BY deadline_end, notice, ordinal, lead
