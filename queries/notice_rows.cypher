// name: notice_rows
// description: Các thông báo có khóa đã cho: đường dẫn, trích yếu, ngày
// param: notice_keys LIST  keys of the notices
UNWIND $notice_keys AS k
MATCH (n:Notice {key: k})
RETURN n.key AS notice, n.path AS path, n.title AS notice_title, n.date AS notice_date
