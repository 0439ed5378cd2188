// name: notices_page
// description: Một trang khóa thông báo (có chứa một đoạn chữ nếu cho) theo một cột tăng dần, rồi ngày giảm dần, rồi khóa: những thông báo có giá trị ở cột đó, hoặc những thông báo không có (tổng: notices_count)
// Only the Notice table is read, sorted on the one column asked for; a descending list is this order reversed
// (kg.graph.KnowledgeGraph.list_notices asks the page from the other end), the notices without a value last.
// param: text   STRING  folded text the notice's search text must hold; '': every notice
// param: sort   STRING  the column listed by: number, issuer, title, else the date
// param: valued BOOL    true: the notices with a value in that column; false: those without
// param: offset INT     (optional, default 0) rows skipped
// param: limit  INT     rows returned at most
MATCH (n:Notice)
WHERE ($text = '' OR n.search CONTAINS $text)
  AND (CASE $sort WHEN 'number' THEN n.number WHEN 'issuer' THEN n.issuer WHEN 'title' THEN n.title
                  ELSE n.date END IS NOT NULL) = $valued
RETURN n.key AS key, CASE $sort WHEN 'number' THEN n.number WHEN 'issuer' THEN n.issuer WHEN 'title' THEN n.title
                     ELSE n.date END AS value, n.date AS date
ORDER BY value, date DESC, key
SKIP $offset LIMIT $limit
