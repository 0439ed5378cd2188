// name: notice_info
// description: Một thông báo: số, cơ quan ban hành, ngày, trích yếu, người ký, cuộc họp và người chủ trì
// param: notice_key STRING  key of the notice
MATCH (n:Notice {key: $notice_key})
OPTIONAL MATCH (n)-[:RECORDS]->(m:Meeting)
OPTIONAL MATCH (m)-[l:LED_BY]->(p:Person)
WHERE l.role = 'chair'
RETURN n.number AS number, n.issuer AS issuer, n.date AS date, n.title AS title, n.path AS path, n.sha256 AS sha256,
       n.signer AS signer, n.signer_title AS signer_title, m.date AS meeting_date, m.kind AS meeting_kind,
       p.name AS chair, l.title AS chair_title
