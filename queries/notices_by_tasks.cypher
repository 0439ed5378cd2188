// name: notices_by_tasks
// description: Một trang khóa thông báo (có chứa một đoạn chữ nếu cho) theo số nhiệm vụ tăng dần, rồi ngày giảm dần, rồi khóa (tổng: notices_count)
// The count per notice is the number of its CONTAINS edges (the Task table itself is not read).
// param: text   STRING  folded text the notice's search text must hold; '': every notice
// param: offset INT     (optional, default 0) rows skipped
// param: limit  INT     rows returned at most
MATCH (n:Notice)
WHERE $text = '' OR n.search CONTAINS $text
OPTIONAL MATCH (n)-[c:CONTAINS]->(:Task)
WITH n.key AS key, n.date AS date, count(c) AS tasks
RETURN key, tasks, date
ORDER BY tasks, date DESC, key
SKIP $offset LIMIT $limit
