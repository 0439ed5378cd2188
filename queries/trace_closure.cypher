// name: trace_closure
// description: Các văn bản thực hiện (trực tiếp hoặc qua văn bản khác) những văn bản đã cho, với số bước gần nhất; chính mỗi văn bản ấy ở bước 0
// UNWIND then a key match, the IMPLEMENTS paths in an OPTIONAL MATCH after it: Ladybug looks the documents up in the
// key index and walks from those alone (see page_assignees): 7 ms for the 19 documents a local number names at
// 10,000 notices against 32 ms for one statement per document ('WHERE d.key IN $keys', or the pattern without
// OPTIONAL, reads the whole Document table). A document no other implements gives its own row at depth 0.
// param: doc_keys  LIST  keys of the documents traced
// param: max_depth INT   (optional, default 3) IMPLEMENTS hops to follow, 0 to 3
UNWIND $doc_keys AS k
MATCH (d:Document {key: k})
OPTIONAL MATCH p = (x:Document)-[:IMPLEMENTS*0..3]->(d)
WHERE length(p) <= $max_depth
RETURN d.key AS traced, d.number AS document, x.key AS key, x.number AS via, min(length(p)) AS depth
ORDER BY depth, key, document
