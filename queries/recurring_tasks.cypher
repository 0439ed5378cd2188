// name: recurring_tasks
// description: Các nhiệm vụ định kỳ với quy tắc lặp, ngày hoàn thành và ngày thông báo (để tính tình trạng của từng lần đến hạn)
// In the order of deadlines_page's recurring rows (they come last there).
MATCH (n:Notice)-[:CONTAINS]->(t:Task)
WHERE t.recurrence_rule IS NOT NULL
RETURN t.key AS task, t.recurrence_rule AS recurrence_rule, t.recurrence_on AS recurrence_on, t.done_on AS done_on,
       n.key AS notice, n.date AS notice_date, t.ordinal AS ordinal
ORDER BY notice, ordinal, task
