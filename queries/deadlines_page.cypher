// name: deadlines_page
// description: Một trang các nhiệm vụ có hạn (trong một khoảng ngày, không kể định kỳ) theo hạn rồi thứ tự của thông báo: hạn và khóa thứ tự (Task.order_key) của từng nhiệm vụ (khóa nhiệm vụ: deadlines_keys; tổng: deadlines_count)
// Only numbers are read and sorted: a task's deadline and its order key (notice date, notice, ordinal in one INT64,
// written at ingest), never a text column nor the Notice table. Ladybug reads a returned text property of every task
// the WHERE keeps before sorting (19,163 at 10,000 notices), so the page's tasks are then named by these two numbers
// (deadlines_keys). The status is the one of kg/status.py for a task that does not recur.
// param: before   STRING  ISO date: deadlines up to this day ('9999-12-31' for all)
// param: after    STRING  (optional, default "0001-01-01") ISO date: deadlines from this day
// param: as_of    STRING  ISO date the status is computed for
// param: soon     STRING  ISO date until which an open task counts as due soon
// param: statuses LIST    (optional) only tasks whose status is one of these; null: all
// param: offset   INT     (optional, default 0) rows skipped
// param: limit    INT     rows returned at most
MATCH (t:Task)
WHERE t.deadline_end <= date($before) AND t.deadline_end >= date($after) AND t.recurrence_rule IS NULL
  AND (CASE WHEN t.done_on IS NOT NULL AND t.done_on <= date($as_of) THEN
                 CASE WHEN t.done_on <= t.deadline_end THEN 'done_on_time' ELSE 'done_late' END
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END IN $statuses OR $statuses IS NULL)
RETURN t.deadline_end AS deadline_end, t.order_key AS order_key
ORDER BY deadline_end, order_key
SKIP $offset LIMIT $limit
