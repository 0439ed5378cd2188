// name: find_documents
// description: Các văn bản có số hiệu bắt đầu bằng một tiền tố (để tìm văn bản người dùng gõ, kể cả dạng rút gọn)
// param: prefix STRING  folded, upper-case number or number prefix, e.g. 02/2026 or 141/KH-UBND
MATCH (d:Document)
WHERE d.number_key STARTS WITH $prefix
RETURN d.key AS key, d.number AS number, d.type AS type, d.date AS date, d.issuer AS issuer, d.title AS title
ORDER BY number, key
