// name: executors
// description: Các cơ quan chịu trách nhiệm thi hành một văn bản (điều khoản thi hành)
// param: notice_key STRING  key of the notice
MATCH (o)-[:RESPONSIBLE_FOR_EXECUTING]->(n:Notice {key: $notice_key})
RETURN DISTINCT o.key AS key, o.name AS name
ORDER BY name
