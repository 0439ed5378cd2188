// name: org_names
// description: Mọi cơ quan, UBND/HĐND, nhóm đơn vị: khóa và tên (để lọc theo một phần tên đã bỏ dấu)
MATCH (o:Agency|Committee|AgencyGroup)
RETURN o.key AS key, o.name AS name
ORDER BY key
