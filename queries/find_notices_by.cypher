// name: find_notices_by
// description: Các thông báo có thể được gọi bằng một đoạn chữ: khóa, doc_id, sha256, số (đã bỏ dấu, bỏ khoảng trắng) hoặc tên tệp (đã bỏ dấu); bên gọi giữ những thông báo khớp đúng (kg.graph.KnowledgeGraph.find_notices)
// One scan of the Notice table on a few columns, never a row per notice to the caller: the number is matched on
// Notice.search (the folded number comes first in it, each blank of it a single space, so the folded number without
// blanks starts the first 2 × its length characters of it without blanks), the folded file name at its end (the path comes last in it; a list and any() were 5 times slower
// than these few parameters), the stem and a dot in the path.
// param: text   STRING  the text as typed (blanks trimmed)
// param: key    STRING  'notice:' and the text
// param: number STRING  the folded number without blanks; '': the text names no number
// param: head   STRING  its first character
// param: width  INT     twice its length
// param: file   STRING  the folded name of the file the text names (the path as written)
// param: real   STRING  the folded name of the file it names once links are followed
// param: stem   STRING  the text and a dot: the name of a file whose stem is the text begins with it
MATCH (n:Notice)
WHERE n.key = $text OR n.key = $key OR n.doc_id = $text OR n.sha256 = $text
   OR ($number <> '' AND n.search STARTS WITH $head AND replace(left(n.search, $width), ' ', '') STARTS WITH $number)
   OR n.path ENDS WITH $text OR n.path CONTAINS $stem OR n.search ENDS WITH $file OR n.search ENDS WITH $real
RETURN n.key AS key, n.number AS number, n.path AS path, n.sha256 AS sha256, n.date AS date, n.title AS title,
       n.issuer AS issuer, n.doc_id AS doc_id, n.fingerprint AS fingerprint
ORDER BY path, key
