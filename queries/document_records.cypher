// name: document_records
// description: Các bản ghi đã nạp chính là văn bản này (văn bản vừa được trích dẫn vừa được nạp)
// param: doc_key STRING  key of the document
MATCH (n:Notice)-[:IS_DOCUMENT]->(d:Document {key: $doc_key})
RETURN n.key AS notice, n.path AS path, n.doc_id AS doc_id
ORDER BY path
