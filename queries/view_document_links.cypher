// name: view_document_links
// description: Văn bản thực hiện (IMPLEMENTS) giữa các văn bản đã cho và thông báo trích dẫn chúng
// param: doc_keys LIST  keys of the documents
MATCH (x:Document)-[:IMPLEMENTS]->(d:Document)
WHERE d.key IN $doc_keys
RETURN x.key AS a, x.number AS a_name, d.key AS b, 'implements' AS link
UNION ALL
MATCH (n:Notice)-[:IMPLEMENTS]->(d:Document)
WHERE d.key IN $doc_keys
RETURN n.key AS a, coalesce(n.number, n.title, n.path) AS a_name, d.key AS b, 'implements' AS link
UNION ALL
MATCH (n:Notice)-[:IS_DOCUMENT]->(d:Document)
WHERE d.key IN $doc_keys
RETURN n.key AS a, coalesce(n.number, n.title, n.path) AS a_name, d.key AS b, 'is_document' AS link
