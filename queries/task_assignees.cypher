// name: task_assignees
// description: Đơn vị được giao (chủ trì, phối hợp) một nhiệm vụ (để ghép vào một trang nhiệm vụ)
// One task by key: a lookup in the key index, then its own edges, whatever the size of the store. (For a page,
// kg.graph runs it once per task: with a list, 'UNWIND $keys … MATCH (t:Task {key: k})-[…]->(o)' or
// 'WHERE n.key IN $notice_keys' makes Ladybug scan the task or notice table: 0.2 ms a task against 26–400 ms a
// page at 10,000 notices.)
// param: task_key STRING  key of the task
MATCH (t:Task {key: $task_key})-[a:ASSIGNED_TO]->(o)
RETURN t.key AS task, o.key AS assignee_key, o.name AS assignee, a.role AS role
ORDER BY role, assignee
