// name: held_notices
// description: Các thông báo đã nạp, với những gì lần nạp dùng để nhận ra bản sao, bản cập nhật và tài liệu trùng số (đường dẫn, số, cơ quan ban hành, ngày, doc_id, dấu vân tay nội dung)
// (every notice, unsorted, only the fields kg.graph.KnowledgeGraph.ingest compares: what a large ingest reads once)
MATCH (n:Notice)
RETURN n.key AS key, n.path AS path, n.number AS number, n.issuer AS issuer, n.date AS date, n.doc_id AS doc_id,
       n.fingerprint AS fingerprint
