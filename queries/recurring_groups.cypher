// name: recurring_groups
// description: Các kiểu lặp của nhiệm vụ định kỳ (quy tắc, ngày lặp, ngày của thông báo): số nhiệm vụ mỗi kiểu và ngày hoàn thành của những nhiệm vụ đã đánh dấu xong
// The recurring DeadlineDay groups (kg.model.DUE): what recurring_counts counts, without reading the task table.
// The notice day is the order key's high part (kg.model.ORDER_DATE_UNIT), as in recurring_counts.
MATCH (d:DeadlineDay)
WHERE d.recurrence_rule IS NOT NULL
RETURN d.recurrence_rule AS recurrence_rule, d.recurrence_on AS recurrence_on, d.notice_day AS notice_day, d.n AS n, d.done AS done
ORDER BY recurrence_rule, recurrence_on, notice_day
