// name: predecessors
// description: Các cơ quan tiền thân (trước sắp xếp bộ máy năm 2025) của các cơ quan đã cho
// param: org_keys LIST  keys of the successor agencies
MATCH p = (x:Agency)-[:SUCCEEDED_BY*1..3]->(o:Agency)
WHERE o.key IN $org_keys
RETURN DISTINCT x.key AS key, x.name AS name, x.scope AS scope, o.key AS successor_key, o.name AS successor
ORDER BY name
