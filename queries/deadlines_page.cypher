// name: deadlines_page
// description: Một trang các nhiệm vụ có hạn (đến một ngày, không kể định kỳ) theo hạn: thông báo và số thứ tự của từng nhiệm vụ (chi tiết: task_rows; tổng: deadlines_count)
// Only what the order needs is read here: a task's deadline and ordinal and its notice's key. Ladybug reads a
// returned text property of every task the WHERE keeps before sorting (19,163 at 10,000 notices), so the page's
// tasks are then fetched by key (notice_task_keys, task_rows). (notice, ordinal) names one task; the order is total.
// The status is the one of kg/status.py for a task that does not recur.
// param: before   STRING  ISO date: deadlines up to this day ('9999-12-31' for all)
// param: as_of    STRING  ISO date the status is computed for
// param: soon     STRING  ISO date until which an open task counts as due soon
// param: statuses LIST    (optional) only tasks whose status is one of these; null: all
// param: offset   INT     (optional, default 0) rows skipped
// param: limit    INT     rows returned at most
MATCH (n:Notice)-[:CONTAINS]->(t:Task)
WHERE t.deadline_end <= date($before) AND t.recurrence_rule IS NULL
  AND (CASE WHEN t.done_on IS NOT NULL AND t.done_on <= date($as_of) THEN
                 CASE WHEN t.done_on <= t.deadline_end THEN 'done_on_time' ELSE 'done_late' END
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END IN $statuses OR $statuses IS NULL)
RETURN t.deadline_end AS deadline_end, n.key AS notice, t.ordinal AS ordinal
ORDER BY deadline_end, notice, ordinal
SKIP $offset LIMIT $limit
