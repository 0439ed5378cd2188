// name: deadlines_rank
// description: Số nhiệm vụ có hạn (như deadlines_page) đứng trước một cặp (hạn, khóa thứ tự): vị trí của cặp ấy trong danh sách
// Needed only when two tasks share a deadline and an order key (two notices of one date whose keys begin alike):
// then the tasks' keys order them, and a page is cut from the first of them (kg.graph.KnowledgeGraph.deadlines).
// param: before   STRING  ISO date: deadlines up to this day ('9999-12-31' for all)
// param: after    STRING  (optional, default "0001-01-01") ISO date: deadlines from this day
// param: as_of    STRING  ISO date the status is computed for
// param: soon     STRING  ISO date until which an open task counts as due soon
// param: statuses LIST    (optional) only tasks whose status is one of these; null: all
// param: pair_end   STRING  ISO date: the deadline of the pair
// param: pair_order INT     its order key
MATCH (t:Task)
WHERE (t.deadline_end < date($pair_end) OR t.deadline_end = date($pair_end) AND t.order_key < $pair_order)
  AND t.deadline_end <= date($before) AND t.deadline_end >= date($after) AND t.recurrence_rule IS NULL
  AND (CASE WHEN t.done_on IS NOT NULL AND t.done_on <= date($as_of) THEN
                 CASE WHEN t.done_on <= t.deadline_end THEN 'done_on_time' ELSE 'done_late' END
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END IN $statuses OR $statuses IS NULL)
RETURN count(*) AS n
