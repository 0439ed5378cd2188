// name: trace_page
// description: Một trang các nhiệm vụ dựa trên một trong các văn bản đã cho, theo bước gần nhất, ngày và khóa thông báo, số thứ tự: thông báo và số thứ tự của từng nhiệm vụ (chi tiết: task_rows)
// A task's depth is the least of the documents it rests on: depth1..depth3 list the documents first reached at that
// many hops (trace_closure), the others are at 0. Only what the order needs is read (see deadlines_page); a notice
// without a date sorts first, as ''. notice_keys (optional) keeps the tasks of those notices only.
// param: doc_keys    LIST  keys of the documents (trace_closure)
// param: depth1      LIST  those first reached at one IMPLEMENTS hop
// param: depth2      LIST  at two
// param: depth3      LIST  at three
// param: notice_keys LIST  (optional) only the tasks of these notices; null: all
// param: offset      INT   (optional, default 0) rows skipped
// param: limit       INT   rows returned at most
MATCH (x:Document)
WHERE x.key IN $doc_keys
MATCH (t:Task)-[:BASED_ON]->(x)
MATCH (n:Notice)-[:CONTAINS]->(t)
WHERE n.key IN $notice_keys OR $notice_keys IS NULL
WITH n, t, collect(x.key) AS via_keys,
     min(CASE WHEN x.key IN $depth1 THEN 1 WHEN x.key IN $depth2 THEN 2 WHEN x.key IN $depth3 THEN 3 ELSE 0 END) AS depth
RETURN depth, n.key AS notice, coalesce(n.date, '') AS notice_date, t.ordinal AS ordinal, via_keys
ORDER BY depth, notice_date, notice, ordinal
SKIP $offset LIMIT $limit
