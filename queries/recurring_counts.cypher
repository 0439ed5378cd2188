// name: recurring_counts
// description: Số nhiệm vụ định kỳ theo từng kiểu lặp (quy tắc, ngày lặp, ngày hoàn thành, ngày của thông báo): mỗi kiểu được xét tình trạng một lần
// The notice's date is read from the task's order key (its high bits, kg.model.order_key_date), not from the
// Notice table: the count of deadlines with a status asked for reads no text but the rule's.
// param: date_unit INT  2 ** 44: the order key divided by it is the notice date's part (kg.model.ORDER_BITS)
MATCH (t:Task)
WHERE t.recurrence_rule IS NOT NULL
RETURN t.recurrence_rule AS recurrence_rule, t.recurrence_on AS recurrence_on, t.done_on AS done_on,
       t.order_key / $date_unit AS notice_day, count(*) AS n
ORDER BY recurrence_rule, recurrence_on, done_on, notice_day
