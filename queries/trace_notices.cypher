// name: trace_notices
// description: Các thông báo đã nạp chính là một trong những văn bản đã cho (bước 0) hoặc thực hiện văn bản ấy mà chưa có số (bước 1): nhiệm vụ của chúng phụ thuộc văn bản ấy
// The documents of a trace's closure (trace_closure) by key, their notices in an OPTIONAL MATCH (see
// trace_closure); a document without such notices gives a row whose notice is null.
// param: doc_keys LIST  keys of the documents (trace_closure)
UNWIND $doc_keys AS k
MATCH (x:Document {key: k})
OPTIONAL MATCH (n:Notice)-[:IS_DOCUMENT]->(x)
RETURN x.key AS key, n.key AS notice, 0 AS hop, x.number AS via
UNION ALL
UNWIND $doc_keys AS k
MATCH (x:Document {key: k})
OPTIONAL MATCH (n:Notice)-[:IMPLEMENTS]->(x)
RETURN x.key AS key, n.key AS notice, 1 AS hop, coalesce(n.number, n.title, n.path) AS via
