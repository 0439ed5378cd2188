// name: deadlines_of_scope
// description: Các nhiệm vụ có hạn (như deadlines_page) hoặc định kỳ của các thông báo có phạm vi chứa một đoạn (tỉnh: 'lang-son'): khóa, hạn, khóa thứ tự, ngày hoàn thành, quy tắc lặp, thông báo và thứ tự trong đó (để lọc danh sách hạn theo tỉnh)
// The Notice table is scanned on its scope, then only the kept notices' tasks are read, on numbers.
// param: scope STRING  part of the notices' scope (a folded place name, blanks as '-')
// param: before   STRING  ISO date: deadlines up to this day ('9999-12-31' for all)
// param: after    STRING  (optional, default "0001-01-01") ISO date: deadlines from this day
// param: as_of    STRING  ISO date the status is computed for
// param: soon     STRING  ISO date until which an open task counts as due soon
// param: statuses LIST    (optional) only tasks whose status is one of these; null: all
MATCH (n:Notice)
WHERE n.scope CONTAINS $scope
MATCH (n)-[:CONTAINS]->(t:Task)
WHERE (t.recurrence_rule IS NOT NULL
       OR t.deadline_end <= date($before) AND t.deadline_end >= date($after) AND t.recurrence_rule IS NULL
  AND (CASE WHEN t.done_on IS NOT NULL AND t.done_on <= date($as_of) THEN
                 CASE WHEN t.done_on <= t.deadline_end THEN 'done_on_time' ELSE 'done_late' END
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END IN $statuses OR $statuses IS NULL))
RETURN DISTINCT t.key AS task, t.deadline_end AS deadline_end, t.order_key AS order_key, t.done_on AS done_on,
       t.recurrence_rule AS recurrence_rule, t.recurrence_on AS recurrence_on, t.notice AS notice, t.ordinal AS ordinal
