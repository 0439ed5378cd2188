// name: notice_citations
// description: Các văn bản một thông báo trích dẫn, như thông báo ghi
// param: notice_key STRING  key of the notice
MATCH (n:Notice {key: $notice_key})-[c:CITES]->(d:Document)
RETURN d.key AS key, c.number AS number, d.type AS type, c.date AS date, c.issuer AS issuer, c.title AS title,
       c.span_start AS span_start
ORDER BY span_start
