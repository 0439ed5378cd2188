// name: trace_notices
// description: Các thông báo đã nạp chính là một trong các văn bản đã cho (bước 0) hoặc thực hiện một trong số đó mà chưa có số (bước 1): nhiệm vụ của chúng phụ thuộc văn bản ấy
// param: doc_keys LIST  keys of the documents (trace_closure)
MATCH (x:Document)
WHERE x.key IN $doc_keys
MATCH (n:Notice)-[:IS_DOCUMENT]->(x)
RETURN x.key AS key, n.key AS notice, 0 AS hop, x.number AS via
UNION ALL
MATCH (x:Document)
WHERE x.key IN $doc_keys
MATCH (n:Notice)-[:IMPLEMENTS]->(x)
RETURN x.key AS key, n.key AS notice, 1 AS hop, coalesce(n.number, n.title, n.path) AS via
