// name: workload_page
// description: Một trang nhiệm vụ của một cơ quan (chủ trì hoặc phối hợp, kể cả giao cho nhóm có cơ quan đó), theo hạn rồi thứ tự của thông báo: khóa nhiệm vụ, vai trò, được giao với tư cách nào (chi tiết: task_rows; số dòng tổng: workload_count)
// Walking from the agency reads only its own tasks; the order is on numbers (the deadline, Task.order_key: notice
// date, notice, ordinal) and the few text columns that break the last ties, without the Notice table. The order is
// total (the task's key and the assignee's key break every tie), so pages never overlap nor skip a row.
// param: assignee_keys LIST    keys of the agency (and its aliases) and of the groups it belongs to (member_groups)
// param: roles         LIST    (optional, default ["lead", "support"]) roles listed
// param: offset        INT     (optional, default 0) rows skipped
// param: limit         INT     rows returned at most
MATCH (g:Agency|Committee|AgencyGroup)
WHERE g.key IN $assignee_keys
MATCH (t:Task)-[a:ASSIGNED_TO]->(g)
WHERE a.role IN $roles
RETURN t.key AS task, a.role AS role, g.key AS assigned_key, g.name AS assigned_as, t.deadline_end AS deadline_end,
       t.order_key AS order_key
ORDER BY deadline_end, order_key, role, task, assigned_key
SKIP $offset LIMIT $limit
