// name: deadlines_keys
// description: Các nhiệm vụ có hạn (như deadlines_page) từ một cặp (hạn, khóa thứ tự) đến một cặp khác, kể cả hai đầu: khóa của chúng (để gọi tên một trang của deadlines_page)
// The filters of deadlines_page plus the page's first and last (deadline, order key): Ladybug applies the filters
// on the numeric columns first and reads the key of the few tasks left.
// param: before      STRING  ISO date: deadlines up to this day ('9999-12-31' for all)
// param: after       STRING  (optional, default "0001-01-01") ISO date: deadlines from this day
// param: as_of       STRING  ISO date the status is computed for
// param: soon        STRING  ISO date until which an open task counts as due soon
// param: statuses    LIST    (optional) only tasks whose status is one of these; null: all
// param: first_end   STRING  ISO date: the deadline of the page's first task
// param: first_order INT     its order key
// param: last_end    STRING  ISO date: the deadline of the page's last task
// param: last_order  INT     its order key
MATCH (t:Task)
WHERE t.deadline_end >= date($first_end) AND t.deadline_end <= date($last_end)
  AND (t.deadline_end > date($first_end) OR t.order_key >= $first_order)
  AND (t.deadline_end < date($last_end) OR t.order_key <= $last_order)
  AND t.deadline_end <= date($before) AND t.deadline_end >= date($after) AND t.recurrence_rule IS NULL
  AND (CASE WHEN t.done_on IS NOT NULL AND t.done_on <= date($as_of) THEN
                 CASE WHEN t.done_on <= t.deadline_end THEN 'done_on_time' ELSE 'done_late' END
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END IN $statuses OR $statuses IS NULL)
RETURN t.deadline_end AS deadline_end, t.order_key AS order_key, t.key AS task
ORDER BY deadline_end, order_key, task
