// name: trace_page
// description: Một trang các nhiệm vụ dựa trên một trong các văn bản đã cho, theo bước gần nhất rồi thứ tự của thông báo (Task.order_key): khóa, thông báo, số thứ tự và các văn bản làm căn cứ của từng nhiệm vụ (chi tiết: task_rows)
// A task's depth is the least of the documents it rests on: depth1..depth3 list the documents first reached at that
// many hops (trace_closure), the others are at 0. The order is on numbers (depth, order key) and the task's key,
// without the Notice table. notice_keys (optional) keeps the tasks of those notices only.
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
WHERE t.notice IN $notice_keys OR $notice_keys IS NULL
WITH t, collect(x.key) AS via_keys,
     min(CASE WHEN x.key IN $depth1 THEN 1 WHEN x.key IN $depth2 THEN 2 WHEN x.key IN $depth3 THEN 3 ELSE 0 END) AS depth
RETURN depth, t.order_key AS order_key, t.key AS task, t.notice AS notice, t.ordinal AS ordinal, via_keys
ORDER BY depth, order_key, task
SKIP $offset LIMIT $limit
