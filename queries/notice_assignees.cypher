// name: notice_assignees
// description: Đơn vị được giao (chủ trì, phối hợp) các nhiệm vụ của những thông báo đã cho (để ghép vào một danh sách dài: xuất tệp, --all)
// One statement for many tasks: the list of notices is found by a scan of the Notice table, then their own tasks'
// edges. For a page of tasks, page_assignees (key lookups) does not grow with the store.
// param: notice_keys LIST  keys of the notices
MATCH (n:Notice)
WHERE n.key IN $notice_keys
MATCH (n)-[:CONTAINS]->(t:Task)
MATCH (t)-[a:ASSIGNED_TO]->(o)
RETURN t.key AS task, o.key AS assignee_key, o.name AS assignee, a.role AS role
ORDER BY task, role, assignee
