// name: notice_task_spans
// description: Với mỗi thông báo đã cho: số nhiệm vụ, khóa thứ tự nhỏ nhất và lớn nhất của chúng (khóa thiếu tính là 0)
// A notice's tasks share its date and key, so their order keys (kg.model.task_order_key) lie together: a trace
// counts the tasks of its records from these spans and reads the tasks of those its page reaches only
// (notice_task_keys). The notices by key, their tasks counted in an OPTIONAL MATCH (see page_assignees): 5–7 ms
// for 55–75 notices at 100,000 notices, against 10–15 ms for reading their 1,500–1,900 tasks. A notice without a
// task gives n = 0 (its span is not read).
// param: notice_keys LIST  keys of the notices
UNWIND $notice_keys AS k
MATCH (n:Notice {key: k})
OPTIONAL MATCH (n)-[:CONTAINS]->(t:Task)
RETURN n.key AS notice, count(t) AS n, min(coalesce(t.order_key, 0)) AS first, max(coalesce(t.order_key, 0)) AS last
ORDER BY notice
