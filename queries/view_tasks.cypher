// name: view_tasks
// description: Chi tiết các nhiệm vụ cho hình vẽ và trang web: nội dung, hạn, tình trạng tính đến một ngày, khóa thông báo và vị trí câu trong tệp (thông báo: notice_rows)
// (UNWIND then a key match: a lookup in the key index per task; 'WHERE t.key IN $keys' reads the whole task table,
// and a MATCH of the notice after the lookup makes Ladybug scan: the notices' fields come from notice_rows)
// param: task_keys LIST    keys of the tasks
// param: as_of     STRING  ISO date the status is computed for
// param: soon      STRING  ISO date until which an open task counts as due soon
UNWIND $task_keys AS k
MATCH (t:Task {key: k})
RETURN t.key AS task, t.id AS id, t.ref AS ref, t.text AS text, t.deadline AS deadline, t.deadline_end AS deadline_end,
       t.deadline_text AS deadline_text, t.recurrence_rule AS recurrence_rule, t.recurrence_text AS recurrence_text,
       t.done_on AS done_on, t.done_by AS done_by, t.span_start AS span_start, t.span_end AS span_end, t.ordinal AS ordinal, t.notice AS notice,
       CASE WHEN t.recurrence_rule IS NOT NULL THEN 'recurring'
            WHEN t.done_on IS NOT NULL AND t.done_on <= date($as_of) THEN
                 CASE WHEN t.deadline_end IS NULL THEN 'done' WHEN t.done_on <= t.deadline_end THEN 'done_on_time'
                      ELSE 'done_late' END
            WHEN t.deadline_end IS NULL THEN 'no_deadline'
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END AS status
ORDER BY notice, ordinal
