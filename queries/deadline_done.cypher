// name: deadline_done
// description: Ngày hoàn thành của các nhiệm vụ đã đánh dấu xong, theo ngày đến hạn, trong một khoảng ngày (không kể nhiệm vụ định kỳ)
// The DeadlineDay groups (kg.model.DUE) of the range that hold tasks marked done (few: people mark them in the
// journal), with the days those were done: what a count by status needs besides deadline_days.
// param: before STRING  ISO date: days up to this one ('9999-12-31' for all)
// param: after  STRING  (optional, default "0001-01-01") ISO date: days from this one
MATCH (d:DeadlineDay)
WHERE d.day >= $after AND d.day <= $before AND size(d.done) > 0
RETURN d.day AS day, d.done AS done
ORDER BY day
