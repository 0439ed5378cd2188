// name: notice_rows
// description: Các thông báo có khóa đã cho: số, đường dẫn, trích yếu, ngày
// (UNWIND then a key match: a lookup in the key index; nothing may follow it but an OPTIONAL MATCH, see page_assignees)
// param: notice_keys LIST  keys of the notices
UNWIND $notice_keys AS k
MATCH (n:Notice {key: k})
RETURN n.key AS notice, n.number AS notice_number, n.path AS path, n.title AS notice_title, n.date AS notice_date
