// name: document_cited_by
// description: Một trang các thông báo trích dẫn một văn bản (một dòng mỗi lần trích dẫn, theo khóa thông báo): khóa, đường dẫn, trích yếu (tổng: document_cited_count)
// (the document_info rows of the citing notices, without the document's own columns on each)
// param: doc_key STRING  key of the document
// param: offset  INT     (optional, default 0) rows skipped
// param: limit   INT     rows returned at most
MATCH (n:Notice)-[:CITES]->(d:Document {key: $doc_key})
RETURN n.key AS notice, n.path AS path, n.title AS notice_title
ORDER BY notice, path
SKIP $offset LIMIT $limit
