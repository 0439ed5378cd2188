// name: document_cited_attributes
// description: Ngày, cơ quan ban hành, trích yếu của các văn bản như từng thông báo trích dẫn, hoặc như chính bản ghi của văn bản (để hợp nhất thuộc tính)
// param: doc_keys LIST  keys of the documents
UNWIND $doc_keys AS k
MATCH (n:Notice)-[c:CITES]->(d:Document {key: k})
RETURN d.key AS key, c.date AS date, c.issuer AS issuer, c.title AS title, c.number AS number, n.key AS notice
UNION ALL
UNWIND $doc_keys AS k
MATCH (n:Notice)-[:IS_DOCUMENT]->(d:Document {key: k})
RETURN d.key AS key, n.date AS date, n.issuer AS issuer, n.title AS title, n.number AS number, n.key AS notice
