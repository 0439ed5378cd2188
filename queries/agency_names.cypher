// name: agency_names
// description: Mọi cơ quan với tên, phạm vi, số thông báo nhắc tới và một thông báo trong đó (để tìm tên viết sai)
MATCH (a:Agency)-[:MENTIONED_IN]->(n:Notice)
RETURN a.key AS key, a.name AS name, a.scope AS scope, count(DISTINCT n) AS mentions, min(n.key) AS notice
