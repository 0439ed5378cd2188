// name: day_groups
// description: Các nhóm nhiệm vụ đến hạn vào một ngày (theo khoảng ngày của thông báo), theo thứ tự: số nhiệm vụ và ngày hoàn thành của những nhiệm vụ đã đánh dấu xong
// The DeadlineDay groups of one day (kg.model.DUE) in key order, which is the order of their tasks' order keys: a
// page of deadlines skips the groups before it by their counts and reads the tasks of the others (day_tasks).
// param: day STRING  ISO date: the day
MATCH (d:DeadlineDay)
WHERE d.day = $day
RETURN d.key AS key, d.n AS n, d.done AS done
ORDER BY key
