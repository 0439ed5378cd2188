// name: held_notices_like
// description: Các thông báo đã nạp mà một tệp sắp nạp có thể là chính nó, bản sao hay bản mới của nó: cùng khóa, cùng đường dẫn, cùng dấu vân tay nội dung, cùng doc_id, hoặc có số và cùng ngày (bên gọi so cơ quan ban hành và số)
// (what a small ingest reads for each file instead of every notice: one scan of the notice table)
// param: key     STRING  the file's notice key
// param: path    STRING  its path
// param: fp      STRING  (optional) its content fingerprint
// param: doc     STRING  its document identity (doc_id)
// param: date    STRING  (optional) its date
MATCH (n:Notice)
WHERE n.key = $key OR n.path = $path OR n.fingerprint = $fp OR n.doc_id = $doc
   OR (n.number IS NOT NULL AND (n.date = $date OR ($date IS NULL AND n.date IS NULL)))
RETURN n.key AS key, n.path AS path, n.number AS number, n.issuer AS issuer, n.date AS date, n.doc_id AS doc_id,
       n.fingerprint AS fingerprint
