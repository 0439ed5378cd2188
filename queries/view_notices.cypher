// name: view_notices
// description: Các thông báo đã nạp với số, ngày, cơ quan ban hành, trích yếu, loại, ngày họp và số nhiệm vụ
MATCH (n:Notice)
OPTIONAL MATCH (n)-[:RECORDS]->(m:Meeting)
OPTIONAL MATCH (n)-[:CONTAINS]->(t:Task)
RETURN n.key AS key, n.number AS number, n.date AS date, n.issuer AS issuer, n.title AS title, n.kind AS kind,
       n.path AS path, n.scope AS scope, m.date AS meeting_date, count(t) AS tasks
ORDER BY date DESC, key
