// name: trace_closure
// description: Các văn bản thực hiện (trực tiếp hoặc qua văn bản khác) các văn bản đã cho, với số bước gần nhất; chính các văn bản đã cho ở bước 0
// param: doc_keys  LIST  keys of the documents traced
// param: max_depth INT   (optional, default 3) IMPLEMENTS hops to follow, 0 to 3
MATCH (d:Document)
WHERE d.key IN $doc_keys
MATCH p = (x:Document)-[:IMPLEMENTS*0..3]->(d)
WHERE length(p) <= $max_depth
RETURN d.number AS document, x.key AS key, x.number AS via, min(length(p)) AS depth
ORDER BY depth, key, document
