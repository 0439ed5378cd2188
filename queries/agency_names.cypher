// name: agency_names
// description: Mọi cơ quan với tên, phạm vi và các thông báo nhắc tới (để tìm tên viết sai)
MATCH (a:Agency)-[:MENTIONED_IN]->(n:Notice)
RETURN a.key AS key, a.name AS name, a.scope AS scope, collect(DISTINCT n.key) AS notices
