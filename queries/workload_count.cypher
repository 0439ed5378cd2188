// name: workload_count
// description: Số nhiệm vụ (theo vai trò) giao cho các cơ quan, nhóm đơn vị đã cho: tổng của danh sách workload_page
// (assignee_keys: the agency's keys and those of the groups it belongs to, member_groups; one MATCH on the three
// labels with WHERE … IN: Ladybug then walks from those few nodes, where a MEMBER_OF*0..1 or UNWIND form made it
// scan and join the whole task and assignment tables, a thousand times slower at 10,000 notices)
// param: assignee_keys LIST  keys of the agency (and its aliases) and of the groups it belongs to
// param: roles         LIST  (optional, default ["lead", "support"]) roles counted
MATCH (g:Agency|Committee|AgencyGroup)
WHERE g.key IN $assignee_keys
MATCH (t:Task)-[a:ASSIGNED_TO]->(g)
WHERE a.role IN $roles
RETURN count(*) AS n
