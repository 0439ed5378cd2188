// name: find_notices
// description: Các thông báo đã nạp (để tìm theo khóa, số hay đường dẫn tệp)
MATCH (n:Notice)
RETURN n.key AS key, n.number AS number, n.path AS path, n.sha256 AS sha256, n.date AS date, n.title AS title,
       n.issuer AS issuer, n.doc_id AS doc_id, n.fingerprint AS fingerprint
ORDER BY path, key
