// name: notice_tasks
// description: Các nhiệm vụ của một thông báo với đơn vị được giao và vai trò
// param: notice_key STRING  key of the notice
MATCH (n:Notice {key: $notice_key})-[:CONTAINS]->(t:Task)
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(o)
RETURN t.key AS task, t.id AS id, t.ordinal AS ordinal, t.ref AS ref, t.text AS text, t.deadline AS deadline,
       t.done_on AS done_on, t.done_by AS done_by, o.name AS assignee, a.role AS role
ORDER BY ordinal, role, assignee
