// name: deadline_days
// description: Các ngày có nhiệm vụ đến hạn trong một khoảng (không kể nhiệm vụ định kỳ): số nhiệm vụ đến hạn mỗi ngày và ngày hoàn thành của những nhiệm vụ đã đánh dấu xong
// The DeadlineDay groups (kg.model.DUE, kept by kg/days.py on a store that keeps them), summed per day: a scan of
// the small group table, not of the task table. kg.graph sums them for a total by status and walks them in order for
// a page (day_groups, day_tasks). done: a list per group of the day (flattened by kg.graph).
// param: before STRING  ISO date: days up to this one ('9999-12-31' for all)
// param: after  STRING  (optional, default "0001-01-01") ISO date: days from this one
MATCH (d:DeadlineDay)
WHERE d.day >= $after AND d.day <= $before
RETURN d.day AS day, sum(d.n) AS n, collect(d.done) AS done
ORDER BY day
