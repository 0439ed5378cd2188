// name: deadline_days
// description: Các ngày có nhiệm vụ đến hạn trong một khoảng (không kể nhiệm vụ định kỳ) và số nhiệm vụ đến hạn mỗi ngày
// The DeadlineDay groups (kg.model.DUE, kept by kg/days.py on a store that keeps them), summed per day: a scan of
// the small group table, not of the task table. kg.graph sums them for a total and walks them in order for a page
// (day_groups, day_tasks); with a status asked for, the done days of the few groups that have some (deadline_done).
// param: before STRING  ISO date: days up to this one ('9999-12-31' for all)
// param: after  STRING  (optional, default "0001-01-01") ISO date: days from this one
MATCH (d:DeadlineDay)
WHERE d.day >= $after AND d.day <= $before
RETURN d.day AS day, sum(d.n) AS n
ORDER BY day
