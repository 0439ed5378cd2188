// name: trace_notices
// description: Các thông báo đã nạp chính là một văn bản (bước 0) hoặc thực hiện văn bản ấy mà chưa có số (bước 1): nhiệm vụ của chúng phụ thuộc văn bản ấy
// One document by key (see trace_closure): kg.graph runs it once per document of the closure.
// param: doc_key STRING  key of the document (trace_closure)
MATCH (n:Notice)-[:IS_DOCUMENT]->(x:Document {key: $doc_key})
RETURN x.key AS key, n.key AS notice, 0 AS hop, x.number AS via
UNION ALL
MATCH (n:Notice)-[:IMPLEMENTS]->(x:Document {key: $doc_key})
RETURN x.key AS key, n.key AS notice, 1 AS hop, coalesce(n.number, n.title, n.path) AS via
