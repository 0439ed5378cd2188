// name: view_notice_links
// description: Cuộc họp của một thông báo: người chủ trì và dự, cơ quan dự, xã phường liên quan; cơ quan ban hành và văn bản trích dẫn
// param: notice_keys LIST  keys of the notices
MATCH (n:Notice)-[:RECORDS]->(m:Meeting)-[l:LED_BY]->(p:Person)
WHERE n.key IN $notice_keys
RETURN n.key AS notice, 'leader' AS link, p.key AS key, p.name AS name, l.role AS role
UNION ALL
MATCH (n:Notice)-[:RECORDS]->(m:Meeting)-[:ATTENDED_BY]->(o)
WHERE n.key IN $notice_keys
RETURN n.key AS notice, 'attendee' AS link, o.key AS key, o.name AS name, 'attendee' AS role
UNION ALL
MATCH (n:Notice)-[:RECORDS]->(m:Meeting)-[:CONCERNS]->(u:AdminUnit)
WHERE n.key IN $notice_keys
RETURN n.key AS notice, 'commune' AS link, u.key AS key, u.name AS name, 'commune' AS role
UNION ALL
MATCH (n:Notice)-[:ISSUED_BY]->(o)
WHERE n.key IN $notice_keys
RETURN n.key AS notice, 'issuer' AS link, o.key AS key, o.name AS name, 'issuer' AS role
UNION ALL
MATCH (n:Notice)-[:CITES]->(d:Document)
WHERE n.key IN $notice_keys
RETURN n.key AS notice, 'cites' AS link, d.key AS key, d.number AS name, 'cites' AS role
UNION ALL
MATCH (n:Notice)-[:CONTAINS]->(t:Task)
WHERE n.key IN $notice_keys
RETURN n.key AS notice, 'task' AS link, t.key AS key, t.id AS name, 'task' AS role
