// name: notice_list_rows
// description: Các thông báo có khóa đã cho như danh sách thông báo nêu: số, ngày, cơ quan ban hành, trích yếu, loại, đường dẫn, phạm vi, ngày họp và số nhiệm vụ (các cột của view_notices)
// (UNWIND then a key match: a lookup in the key index, then the few edges of each notice)
// param: notice_keys LIST  keys of the notices
UNWIND $notice_keys AS k
MATCH (n:Notice {key: k})
OPTIONAL MATCH (n)-[:RECORDS]->(m:Meeting)
OPTIONAL MATCH (n)-[:CONTAINS]->(t:Task)
RETURN n.key AS key, n.number AS number, n.date AS date, n.issuer AS issuer, n.title AS title, n.kind AS kind,
       n.path AS path, n.scope AS scope, m.date AS meeting_date, count(t) AS tasks
