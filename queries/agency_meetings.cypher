// name: agency_meetings
// description: Các cuộc họp một cơ quan đã tham dự (thứ tự do nơi gọi sắp)
// param: org_keys LIST  keys of the agency
// One branch per label, each starting from its label's key (see workload.cypher); UNION drops duplicates.
MATCH (o:Agency)
WHERE o.key IN $org_keys
MATCH (m:Meeting)-[:ATTENDED_BY]->(o)
MATCH (n:Notice)-[:RECORDS]->(m)
RETURN m.key AS meeting, m.date AS date, m.kind AS kind, n.key AS notice, n.title AS notice_title
UNION
MATCH (o:Committee)
WHERE o.key IN $org_keys
MATCH (m:Meeting)-[:ATTENDED_BY]->(o)
MATCH (n:Notice)-[:RECORDS]->(m)
RETURN m.key AS meeting, m.date AS date, m.kind AS kind, n.key AS notice, n.title AS notice_title
UNION
MATCH (o:AgencyGroup)
WHERE o.key IN $org_keys
MATCH (m:Meeting)-[:ATTENDED_BY]->(o)
MATCH (n:Notice)-[:RECORDS]->(m)
RETURN m.key AS meeting, m.date AS date, m.kind AS kind, n.key AS notice, n.title AS notice_title
