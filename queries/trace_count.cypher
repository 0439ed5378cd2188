// name: trace_count
// description: Số nhiệm vụ dựa trên (BASED_ON) một trong các văn bản đã cho
// param: doc_keys LIST  keys of the documents (trace_closure)
MATCH (x:Document)
WHERE x.key IN $doc_keys
MATCH (t:Task)-[:BASED_ON]->(x)
RETURN count(DISTINCT t) AS n
