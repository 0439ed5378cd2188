// name: find_orgs
// description: Các cơ quan, đơn vị, nhóm đơn vị có tên (đã chuẩn hóa) đã cho
// param: name_keys LIST  folded names to look for, e.g. ["so noi vu"]
MATCH (o:Agency)
WHERE o.name_key IN $name_keys
RETURN o.key AS key, o.name AS name, o.scope AS scope, 'Agency' AS label, o.name_key AS name_key
UNION ALL
MATCH (o:Committee)
WHERE o.name_key IN $name_keys
RETURN o.key AS key, o.name AS name, o.scope AS scope, 'Committee' AS label, o.name_key AS name_key
UNION ALL
MATCH (o:AgencyGroup)
WHERE o.name_key IN $name_keys
RETURN o.key AS key, o.name AS name, o.scope AS scope, 'AgencyGroup' AS label, o.name_key AS name_key
