// name: trace_document
// description: Mọi nhiệm vụ dựa trên một văn bản, trực tiếp hoặc qua văn bản thực hiện nó
// param: doc_key   STRING  key (normalized number) of the document
// param: max_depth INT     (optional, default 3) IMPLEMENTS hops to follow, 0 to 3
//
// Example on the toy schema of tests/test_ladybug_store.py (Doc, Task, IMPLEMENTS,
// BASED_ON). The upper bound of a variable-length pattern cannot be a parameter (in
// Ladybug or in Neo4j), so the pattern is bounded by a literal and $max_depth filters.
MATCH (d:Doc {key: $doc_key})
MATCH p = (src:Doc)-[:IMPLEMENTS*0..3]->(d)
WHERE length(p) <= $max_depth
MATCH (t:Task)-[:BASED_ON]->(src)
RETURN t.key AS task, src.key AS via, length(p) AS hops
ORDER BY hops, task
