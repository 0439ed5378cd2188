// name: notice_task_keys
// description: Khóa, số thứ tự và khóa thứ tự (Task.order_key) các nhiệm vụ của những thông báo đã cho
// The notices by key, their tasks in an OPTIONAL MATCH (see page_assignees): 10–15 ms for the 1,500–1,900 tasks of
// 55–75 notices at 100,000 notices, against 40–80 ms for 'WHERE n.key IN $notice_keys' (a scan of the Notice
// table). A notice without a task gives a row whose task is null.
// param: notice_keys LIST  keys of the notices
UNWIND $notice_keys AS k
MATCH (n:Notice {key: k})
OPTIONAL MATCH (n)-[:CONTAINS]->(t:Task)
RETURN n.key AS notice, t.ordinal AS ordinal, t.key AS task, t.order_key AS order_key
ORDER BY notice, ordinal, task
