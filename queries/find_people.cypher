// name: find_people
// description: Những người (lãnh đạo) có tên đã cho
// param: name_key STRING  folded name, e.g. tran thanh nhan
MATCH (p:Person)
WHERE p.name_key = $name_key
RETURN p.key AS key, p.name AS name
ORDER BY key
