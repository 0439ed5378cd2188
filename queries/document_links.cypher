// name: document_links
// description: Văn bản mà một văn bản thực hiện hay nhắc tới, và văn bản thực hiện hay nhắc tới nó
// param: doc_key STRING  key of the document
MATCH (d:Document {key: $doc_key})-[r:IMPLEMENTS]->(x:Document)
RETURN 'implements' AS link, x.key AS key, x.number AS number, x.type AS type, r.notice AS notice
UNION ALL
MATCH (x:Document)-[r:IMPLEMENTS]->(d:Document {key: $doc_key})
RETURN 'implemented_by' AS link, x.key AS key, x.number AS number, x.type AS type, r.notice AS notice
UNION ALL
MATCH (d:Document {key: $doc_key})-[r:REFERS_TO]->(x:Document)
RETURN 'refers_to' AS link, x.key AS key, x.number AS number, x.type AS type, r.notice AS notice
UNION ALL
MATCH (x:Document)-[r:REFERS_TO]->(d:Document {key: $doc_key})
RETURN 'referred_by' AS link, x.key AS key, x.number AS number, x.type AS type, r.notice AS notice
