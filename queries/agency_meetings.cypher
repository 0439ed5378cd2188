// name: agency_meetings
// description: Các cuộc họp một cơ quan đã tham dự
// param: org_keys LIST  keys of the agency
MATCH (m:Meeting)-[:ATTENDED_BY]->(o)
WHERE o.key IN $org_keys
MATCH (n:Notice)-[:RECORDS]->(m)
RETURN DISTINCT m.key AS meeting, m.date AS date, m.kind AS kind, n.key AS notice, n.title AS notice_title
ORDER BY date, meeting
