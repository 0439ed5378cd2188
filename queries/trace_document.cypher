// name: trace_document
// description: Mọi nhiệm vụ dựa trên các văn bản đã cho, trực tiếp hoặc qua văn bản thực hiện chúng, kể cả nhiệm vụ của chính văn bản thực hiện đã nạp (có số: qua IS_DOCUMENT; chưa có số: thông báo IMPLEMENTS) (thứ tự do nơi gọi sắp)
// (WITH before OPTIONAL MATCH: without it Ladybug plans the assignee lookup first, 40 times slower)
// param: doc_keys  LIST  keys of the documents traced
// param: max_depth INT   (optional, default 3) IMPLEMENTS hops to follow, 0 to 3
MATCH (d:Document)
WHERE d.key IN $doc_keys
MATCH p = (x:Document)-[:IMPLEMENTS*0..3]->(d)
WHERE length(p) <= $max_depth
MATCH (t:Task)-[:BASED_ON]->(x)
MATCH (n:Notice)-[:CONTAINS]->(t)
WITH d, x, length(p) AS depth, t, n
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(o)
RETURN d.number AS document, x.number AS via, depth, n.key AS notice, n.path AS path,
       n.title AS notice_title, n.date AS notice_date, t.key AS task, t.id AS id, t.ordinal AS ordinal, t.ref AS ref,
       t.text AS text, t.deadline AS deadline, o.key AS assignee_key, o.name AS assignee, a.role AS role
UNION ALL
MATCH (d:Document)
WHERE d.key IN $doc_keys
MATCH p = (x:Document)-[:IMPLEMENTS*0..3]->(d)
WHERE length(p) <= $max_depth
MATCH (n:Notice)-[:IS_DOCUMENT]->(x)
MATCH (n)-[:CONTAINS]->(t:Task)
WITH d, x, length(p) AS depth, t, n
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(o)
RETURN d.number AS document, x.number AS via, depth, n.key AS notice, n.path AS path,
       n.title AS notice_title, n.date AS notice_date, t.key AS task, t.id AS id, t.ordinal AS ordinal, t.ref AS ref,
       t.text AS text, t.deadline AS deadline, o.key AS assignee_key, o.name AS assignee, a.role AS role
UNION ALL
MATCH (d:Document)
WHERE d.key IN $doc_keys
MATCH p = (x:Document)-[:IMPLEMENTS*0..2]->(d)
WHERE length(p) < $max_depth
MATCH (n:Notice)-[:IMPLEMENTS]->(x)
MATCH (n)-[:CONTAINS]->(t:Task)
WITH d, n, length(p) + 1 AS depth, t
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(o)
RETURN d.number AS document, coalesce(n.number, n.title, n.path) AS via, depth, n.key AS notice, n.path AS path,
       n.title AS notice_title, n.date AS notice_date, t.key AS task, t.id AS id, t.ordinal AS ordinal, t.ref AS ref,
       t.text AS text, t.deadline AS deadline, o.key AS assignee_key, o.name AS assignee, a.role AS role
