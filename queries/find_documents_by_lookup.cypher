// name: find_documents_by_lookup
// description: Các văn bản có số hiệu là một số đã cho hoặc bắt đầu bằng số ấy và một dấu phân cách (tìm qua bảng tra số hiệu)
// The documents find_documents returns that kg.resolve.doc_matches keeps, found through the lookup node keyed by the
// number (kg/lookups.py: every prefix of a number that ends before '/' or '-', and the number itself) instead of a
// scan of Document.number_key; on a store that keeps the lookup tables (format 6).
// param: number STRING  folded, upper-case number or number prefix, e.g. 02/2026 or 141/KH-UBND
MATCH (x:NumberLookup {key: $number})<-[:HAS_NUMBER]-(d:Document)
RETURN d.key AS key, d.number AS number, d.type AS type, d.date AS date, d.issuer AS issuer, d.title AS title
ORDER BY number, key
