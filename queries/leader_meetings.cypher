// name: leader_meetings
// description: Các cuộc họp, kiểm tra, hội nghị một người đã chủ trì hoặc cùng lãnh đạo
// param: person_key STRING  key of the person
MATCH (m:Meeting)-[l:LED_BY]->(p:Person {key: $person_key})
MATCH (n:Notice)-[:RECORDS]->(m)
RETURN m.key AS meeting, m.date AS date, m.kind AS kind, l.role AS role, l.title AS title, n.key AS notice,
       n.path AS path, n.title AS notice_title
ORDER BY date, meeting
