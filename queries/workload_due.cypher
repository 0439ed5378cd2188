// name: workload_due
// description: Số nhiệm vụ (theo vai trò) giao cho các cơ quan, nhóm đơn vị đã cho, theo từng nhóm hạn (ASSIGNED_TO.due: ngày hạn rồi khoảng ngày của thông báo): tổng của danh sách workload_page, và các nhóm một trang đi qua (workload_window)
// Only the agency's ASSIGNED_TO edges are read (their role and due: kg.model.ASSIGNED_DUE), not its tasks, so this
// stays a few ms for the 39,000 tasks of a provincial UBND at 100,000 notices; one row of two lists (the buckets and
// their counts, in the same order), as 3,700 rows of two cost twice as much to hand over (5 against 9 ms). A store of
// format 8 with key_lookups only (kg/days.py); the others: workload_count. An edge without its due (out of step)
// counts under -1 (collect would drop a null), and the library then asks workload_count and workload_page.
// param: assignee_keys LIST  keys of the agency (and its aliases) and of the groups it belongs to (member_groups)
// param: roles         LIST  (optional, default ["lead", "support"]) roles counted
MATCH (g:Agency|Committee|AgencyGroup)
WHERE g.key IN $assignee_keys
MATCH (t:Task)-[a:ASSIGNED_TO]->(g)
WHERE a.role IN $roles
WITH coalesce(a.due, -1) AS due, count(*) AS n
RETURN collect(due) AS dues, collect(n) AS counts
