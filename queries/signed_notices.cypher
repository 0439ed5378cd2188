// name: signed_notices
// description: Các thông báo do người có tên (đã bỏ dấu) chứa một đoạn chữ ký, mới nhất trước, với các cột của view_notices
// The signer of a notice is the Person its SIGNED_BY edge reaches (written at ingest with the notice's signer);
// Person.name_key is the folded name: the Person table is scanned, then only the notices of the few people kept.
// param: name_key STRING  folded name (or part of it) of the signer
MATCH (p:Person)
WHERE p.name_key CONTAINS $name_key
MATCH (n:Notice)-[:SIGNED_BY]->(p)
OPTIONAL MATCH (n)-[:RECORDS]->(m:Meeting)
OPTIONAL MATCH (n)-[:CONTAINS]->(t:Task)
RETURN n.key AS key, n.number AS number, n.date AS date, n.issuer AS issuer, n.title AS title, n.kind AS kind,
       n.path AS path, n.scope AS scope, m.date AS meeting_date, count(t) AS tasks
ORDER BY date DESC, key
