// name: workload_page
// description: Một trang nhiệm vụ của một cơ quan (chủ trì hoặc phối hợp, kể cả giao cho nhóm có cơ quan đó), theo hạn, với tình trạng (số dòng tổng: workload_count)
// The order is total (the last keys break every tie), so pages never overlap nor skip a row.
// param: assignee_keys LIST    keys of the agency (and its aliases) and of the groups it belongs to (member_groups)
// param: roles         LIST    (optional, default ["lead", "support"]) roles listed
// param: as_of         STRING  ISO date the status is computed for
// param: soon          STRING  ISO date until which an open task counts as due soon
// param: offset        INT     (optional, default 0) rows skipped
// param: limit         INT     rows returned at most
MATCH (g:Agency|Committee|AgencyGroup)
WHERE g.key IN $assignee_keys
MATCH (t:Task)-[a:ASSIGNED_TO]->(g)
WHERE a.role IN $roles
MATCH (n:Notice)-[:CONTAINS]->(t)
RETURN t.key AS task, t.id AS id, t.ordinal AS ordinal, t.ref AS ref, t.text AS text, t.deadline AS deadline,
       t.deadline_end AS deadline_end, t.deadline_time AS deadline_time, t.deadline_text AS deadline_text,
       t.recurrence_rule AS recurrence_rule, t.recurrence_on AS recurrence_on, t.recurrence_text AS recurrence_text,
       t.done_on AS done_on, t.done_by AS done_by, t.done_note AS done_note, t.deadline_by AS deadline_by,
       a.role AS role, g.key AS assigned_key, g.name AS assigned_as, n.key AS notice, n.path AS path,
       n.title AS notice_title, n.date AS notice_date,
       CASE WHEN t.recurrence_rule IS NOT NULL THEN 'recurring'
            WHEN t.done_on IS NOT NULL AND t.done_on <= date($as_of) THEN
                 CASE WHEN t.deadline_end IS NULL THEN 'done' WHEN t.done_on <= t.deadline_end THEN 'done_on_time'
                      ELSE 'done_late' END
            WHEN t.deadline_end IS NULL THEN 'no_deadline'
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END AS status
ORDER BY deadline_end, notice_date, notice, ordinal, role, task, assigned_key
SKIP $offset LIMIT $limit
