// name: find_notice_by_key
// description: Thông báo có khóa đã cho (như find_notices: để gọi một thông báo bằng khóa của nó)
// (a key match: a lookup in the key index, where find_notices_by scans the table)
// param: key STRING  the notice's key ('notice:' and 24 hex digits)
MATCH (n:Notice {key: $key})
RETURN n.key AS key, n.number AS number, n.path AS path, n.sha256 AS sha256, n.date AS date, n.title AS title,
       n.issuer AS issuer, n.doc_id AS doc_id, n.fingerprint AS fingerprint
