// name: leader_posts
// description: Các chức vụ một người giữ theo các thông báo, với ngày thông báo ghi nhận
// param: person_key STRING  key of the person
MATCH (p:Person {key: $person_key})-[h:HOLDS_POST]->(s:Post)
RETURN DISTINCT s.title AS post, h.date AS date, h.notice AS notice
ORDER BY date, post
