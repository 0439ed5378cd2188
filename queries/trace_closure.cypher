// name: trace_closure
// description: Các văn bản thực hiện (trực tiếp hoặc qua văn bản khác) một văn bản, với số bước gần nhất; chính văn bản ấy ở bước 0
// One document by key: a lookup in the key index, then its IMPLEMENTS edges. (With a list, 'WHERE d.key IN $keys'
// reads the whole Document table and the UNWIND form makes Ladybug scan it too; kg.graph runs this once per
// document traced.)
// param: doc_key   STRING  key of the document traced
// param: max_depth INT     (optional, default 3) IMPLEMENTS hops to follow, 0 to 3
MATCH p = (x:Document)-[:IMPLEMENTS*0..3]->(d:Document {key: $doc_key})
WHERE length(p) <= $max_depth
RETURN d.number AS document, x.key AS key, x.number AS via, min(length(p)) AS depth
ORDER BY depth, key, document
