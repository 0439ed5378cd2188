// name: deadlines_of_leads
// description: Các nhiệm vụ có hạn (như deadlines_page) hoặc định kỳ do một trong các cơ quan đã cho chủ trì: khóa, hạn, khóa thứ tự, ngày hoàn thành, quy tắc lặp, thông báo và thứ tự trong đó (để lọc danh sách hạn theo cơ quan)
// Walking from the few assignees (workload_count's shape) reads only their tasks; the filters are on numbers.
// param: lead_keys LIST  keys of the assignees (Agency, Committee, AgencyGroup)
// param: before   STRING  ISO date: deadlines up to this day ('9999-12-31' for all)
// param: after    STRING  (optional, default "0001-01-01") ISO date: deadlines from this day
// param: as_of    STRING  ISO date the status is computed for
// param: soon     STRING  ISO date until which an open task counts as due soon
// param: statuses LIST    (optional) only tasks whose status is one of these; null: all
MATCH (g:Agency|Committee|AgencyGroup)
WHERE g.key IN $lead_keys
MATCH (t:Task)-[a:ASSIGNED_TO]->(g)
WHERE a.role = 'lead' AND (t.recurrence_rule IS NOT NULL
       OR t.deadline_end <= date($before) AND t.deadline_end >= date($after) AND t.recurrence_rule IS NULL
  AND (CASE WHEN t.done_on IS NOT NULL AND t.done_on <= date($as_of) THEN
                 CASE WHEN t.done_on <= t.deadline_end THEN 'done_on_time' ELSE 'done_late' END
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END IN $statuses OR $statuses IS NULL))
RETURN DISTINCT t.key AS task, t.deadline_end AS deadline_end, t.order_key AS order_key, t.done_on AS done_on,
       t.recurrence_rule AS recurrence_rule, t.recurrence_on AS recurrence_on, t.notice AS notice, t.ordinal AS ordinal
