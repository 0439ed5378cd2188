// name: notices_count
// description: Số thông báo đã nạp (có chứa một đoạn chữ nếu cho, đã bỏ dấu, trong số, trích yếu, cơ quan ban hành, đường dẫn) và số thông báo có giá trị ở cột sắp xếp: các tổng của notices_page
// The text is matched against Notice.search (the folded number, title, issuer and path written at ingest, as the
// search recipe does): one scan of a text column, no fold per row here.
// param: text STRING  folded text the notice's search text must hold; '': every notice
// param: sort STRING  the column listed by: number, issuer, title, else the date
MATCH (n:Notice)
WHERE $text = '' OR n.search CONTAINS $text
RETURN count(*) AS total,
       count(CASE $sort WHEN 'number' THEN n.number WHEN 'issuer' THEN n.issuer WHEN 'title' THEN n.title
                        ELSE n.date END) AS valued
