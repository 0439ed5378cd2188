// name: day_groups
// description: Các nhóm nhiệm vụ đến hạn trong một khoảng ngày (mỗi nhóm: một ngày và một khoảng ngày của thông báo), theo thứ tự: số nhiệm vụ và ngày hoàn thành của những nhiệm vụ đã đánh dấu xong
// The DeadlineDay groups of the days a page spans (kg.model.DUE) in key order (the day, then the span of notice
// dates): the order of their tasks' deadlines and order keys. A page of deadlines skips the groups before it by their
// counts and reads the tasks of the others (group_tasks).
// param: first STRING  ISO date: the first day
// param: last  STRING  ISO date: the last day
MATCH (d:DeadlineDay)
WHERE d.day >= $first AND d.day <= $last
RETURN d.key AS key, d.day AS day, d.n AS n, d.done AS done
ORDER BY key
