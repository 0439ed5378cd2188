// name: notices_at
// description: Thông báo có khóa hay đường dẫn tệp đúng là đoạn chữ đã cho (để xóa một thông báo gọi đúng tên)
// (one scan of the notice table; find_notices reads every notice)
// param: text STRING  a notice key or a stored path, exactly
MATCH (n:Notice)
WHERE n.key = $text OR n.path = $text
RETURN n.key AS key, n.number AS number, n.path AS path, n.sha256 AS sha256, n.date AS date, n.title AS title,
       n.issuer AS issuer, n.doc_id AS doc_id, n.fingerprint AS fingerprint
