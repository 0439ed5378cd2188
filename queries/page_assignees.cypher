// name: page_assignees
// description: Đơn vị được giao (chủ trì, phối hợp) các nhiệm vụ có khóa đã cho (một trang nhiệm vụ): mỗi dòng một nhiệm vụ và một đơn vị
// UNWIND then a key match, the edges in an OPTIONAL MATCH after it: Ladybug looks the tasks up in the key index and
// extends from those alone (a semi-mask on the task table), 1.2 ms for the 50 tasks of a page at 10,000 notices
// against 23 ms for one task_assignees per task (each statement's overhead) and 0.4–0.6 s for the same pattern
// without OPTIONAL (a hash join with a scan of the edges). A task with no assignee gives one row of nulls.
// param: task_keys LIST  keys of the tasks
UNWIND $task_keys AS k
MATCH (t:Task {key: k})
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(o)
RETURN t.key AS task, o.key AS assignee_key, o.name AS assignee, a.role AS role
ORDER BY task, role, assignee
