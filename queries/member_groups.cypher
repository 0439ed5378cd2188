// name: member_groups
// description: Các nhóm đơn vị mà các cơ quan đã cho là thành viên (ví dụ UBND xã Chi Lăng thuộc 'UBND các xã')
// param: org_keys LIST  keys of the agencies
MATCH (o:Agency|Committee)-[:MEMBER_OF]->(g:AgencyGroup)
WHERE o.key IN $org_keys
RETURN DISTINCT g.key AS key
ORDER BY key
