// name: misspellings
// description: Các tên cơ quan viết sai rõ ràng (thiếu hoặc sai một từ) đã được nối với tên đúng
MATCH (a:Agency)-[:MISSPELLING_OF]->(b:Agency)
RETURN DISTINCT a.key AS key, a.name AS name, b.key AS known_key, b.name AS known_name
ORDER BY name, known_name
