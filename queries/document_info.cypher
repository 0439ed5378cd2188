// name: document_info
// description: Một văn bản: số hiệu, loại, ngày, cơ quan ban hành, trích yếu, các thông báo trích dẫn nó
// param: doc_key STRING  key of the document
MATCH (d:Document {key: $doc_key})
OPTIONAL MATCH (n:Notice)-[c:CITES]->(d)
RETURN d.number AS number, d.type AS type, d.date AS date, d.issuer AS issuer, d.title AS title,
       n.key AS notice, n.path AS path, n.title AS notice_title, c.span_start AS span_start, c.span_end AS span_end
ORDER BY notice
