// name: document_cited_count
// description: Số lần một văn bản được các thông báo trích dẫn: tổng của document_cited_by
// param: doc_key STRING  key of the document
MATCH (n:Notice)-[:CITES]->(d:Document {key: $doc_key})
RETURN count(*) AS n
