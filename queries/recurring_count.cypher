// name: recurring_count
// description: Số nhiệm vụ định kỳ (tổng của recurring_tasks)
// The recurring DeadlineDay groups' counts (kg.model.DUE) summed, without reading the task table.
MATCH (d:DeadlineDay)
WHERE d.recurrence_rule IS NOT NULL
RETURN coalesce(sum(d.n), 0) AS n
