// name: notice_task_keys
// description: Khóa, số thứ tự và khóa thứ tự (Task.order_key) các nhiệm vụ của những thông báo đã cho
// param: notice_keys LIST  keys of the notices
MATCH (n:Notice)-[:CONTAINS]->(t:Task)
WHERE n.key IN $notice_keys
RETURN n.key AS notice, t.ordinal AS ordinal, t.key AS task, t.order_key AS order_key
ORDER BY notice, ordinal, task
