// name: task_assignees
// description: Đơn vị được giao (chủ trì, phối hợp) các nhiệm vụ của những thông báo đã cho (để ghép vào một trang nhiệm vụ)
// (by notice, not by task key: Ladybug answers 'WHERE t.key IN $keys' by reading the whole task table)
// param: notice_keys LIST  keys of the notices
MATCH (n:Notice)
WHERE n.key IN $notice_keys
MATCH (n)-[:CONTAINS]->(t:Task)
MATCH (t)-[a:ASSIGNED_TO]->(o)
RETURN t.key AS task, o.key AS assignee_key, o.name AS assignee, a.role AS role
ORDER BY task, role, assignee
