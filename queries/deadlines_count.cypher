// name: deadlines_count
// description: Số nhiệm vụ có hạn đến một ngày (không kể định kỳ, theo tình trạng nếu cho) và số nhiệm vụ định kỳ: các tổng của deadlines_page và recurring_tasks
// (the filters in the MATCH's WHERE, no WITH before the count: Ladybug then counts in the scan, 100 times faster;
// the recurring ones apart: one WHERE … OR t.recurrence_rule IS NOT NULL reads the text of every task's rule)
// param: before   STRING  ISO date: deadlines up to this day ('9999-12-31' for all)
// param: after    STRING  (optional, default "0001-01-01") ISO date: deadlines from this day
// param: as_of    STRING  ISO date the status is computed for
// param: soon     STRING  ISO date until which an open task counts as due soon
// param: statuses LIST    (optional) only tasks with a deadline whose status is one of these; null: all
MATCH (t:Task)
WHERE t.deadline_end <= date($before) AND t.deadline_end >= date($after) AND t.recurrence_rule IS NULL
  AND (CASE WHEN t.done_on IS NOT NULL AND t.done_on <= date($as_of) THEN
                 CASE WHEN t.done_on <= t.deadline_end THEN 'done_on_time' ELSE 'done_late' END
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END IN $statuses OR $statuses IS NULL)
WITH count(*) AS dated
OPTIONAL MATCH (r:Task)
WHERE r.recurrence_rule IS NOT NULL
RETURN dated, count(r) AS recurring
