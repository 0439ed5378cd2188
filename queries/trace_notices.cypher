// name: trace_notices
// description: Các thông báo đã nạp chính là những văn bản đã cho (bước 0) hoặc thực hiện chúng mà chưa có số (bước 1): nhiệm vụ của chúng phụ thuộc các văn bản ấy
// The documents of a trace's closure by key, each pattern in an OPTIONAL MATCH after the key match (see
// trace_closure), so Ladybug walks from those documents alone: 2–3 ms for the 50–70 documents of the most cited
// documents' closures at 100,000 notices, against 20–45 ms for one statement per document. A document with no
// such notice gives a row whose notice is null (one per branch), which kg.graph drops.
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
