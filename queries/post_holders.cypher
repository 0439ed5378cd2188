// name: post_holders
// description: Những người giữ một chức vụ, theo thời gian
// param: post_key STRING  key of the post
MATCH (p:Person)-[h:HOLDS_POST]->(s:Post {key: $post_key})
RETURN DISTINCT p.name AS name, h.date AS date, h.notice AS notice
ORDER BY date, name
