// name: workload_window
// description: Một trang nhiệm vụ của một cơ quan trong các nhóm hạn từ first_due đến last_due (workload_due): như workload_page, nhưng chỉ sắp xếp nhiệm vụ của các nhóm đó
// The buckets' order never contradicts the page's (kg.model.assigned_due), so the rows of the buckets first_due..last_due in
// workload_page's order are a slice of its answer: offset counts from the first row of bucket first_due. The filter is
// on the edges' due, read before the tasks' columns, so only the window's tasks are read and sorted.
// param: assignee_keys LIST    keys of the agency (and its aliases) and of the groups it belongs to (member_groups)
// param: roles         LIST    (optional, default ["lead", "support"]) roles listed
// param: first_due     INT     the first bucket (ASSIGNED_TO.due) read
// param: last_due      INT     the last bucket read
// param: offset        INT     (optional, default 0) rows of those buckets skipped
// param: limit         INT     rows returned at most
MATCH (g:Agency|Committee|AgencyGroup)
WHERE g.key IN $assignee_keys
MATCH (t:Task)-[a:ASSIGNED_TO]->(g)
WHERE a.role IN $roles AND a.due >= $first_due AND a.due <= $last_due
RETURN t.key AS task, a.role AS role, g.key AS assigned_key, g.name AS assigned_as, t.deadline_end AS deadline_end,
       t.order_key AS order_key
ORDER BY deadline_end, order_key, role, task, assigned_key
SKIP $offset LIMIT $limit
