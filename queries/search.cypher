// name: search
// description: Thông báo, nhiệm vụ, cơ quan và văn bản có chứa một từ (đã bỏ dấu, chữ thường) trong văn bản tìm kiếm ghi lúc nạp
// param: word STRING  one folded word (the caller keeps the rows holding every word typed)
MATCH (n:Notice)
WHERE n.search CONTAINS $word
RETURN 'notice' AS kind, n.key AS key, n.number AS name, n.title AS text, n.path AS extra, n.search AS search
UNION ALL
MATCH (t:Task)
WHERE t.search CONTAINS $word
RETURN 'task' AS kind, t.key AS key, t.id AS name, t.text AS text, t.notice AS extra, t.search AS search
UNION ALL
MATCH (o:Agency)
WHERE o.name_key CONTAINS $word
RETURN 'agency' AS kind, o.key AS key, o.name AS name, o.scope AS text, '' AS extra, o.name_key AS search
UNION ALL
MATCH (o:Committee)
WHERE o.name_key CONTAINS $word
RETURN 'agency' AS kind, o.key AS key, o.name AS name, o.scope AS text, '' AS extra, o.name_key AS search
UNION ALL
MATCH (o:AgencyGroup)
WHERE o.name_key CONTAINS $word
RETURN 'agency' AS kind, o.key AS key, o.name AS name, o.scope AS text, '' AS extra, o.name_key AS search
UNION ALL
MATCH (d:Document)
WHERE d.search CONTAINS $word
RETURN 'document' AS kind, d.key AS key, d.number AS name, d.title AS text, d.type AS extra, d.search AS search
