// name: task_leads
// description: Đơn vị chủ trì các nhiệm vụ của những thông báo đã cho (để ghép vào một trang hạn nhiệm vụ)
// (by notice, not by task key: Ladybug answers 'WHERE t.key IN $keys' by reading the whole task table)
// param: notice_keys LIST  keys of the notices
MATCH (n:Notice)
WHERE n.key IN $notice_keys
MATCH (n)-[:CONTAINS]->(t:Task)
MATCH (t)-[a:ASSIGNED_TO]->(o)
WHERE a.role = 'lead'
RETURN t.key AS task, o.name AS lead
ORDER BY task, lead
