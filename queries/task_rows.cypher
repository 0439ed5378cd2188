// name: task_rows
// description: Các nhiệm vụ có khóa đã cho, với hạn, định kỳ, hoàn thành và thông báo chứa chúng (khóa)
// (UNWIND then a key match: a lookup in the key index on both stores; 'WHERE t.key IN $keys' reads the whole table)
// param: task_keys LIST  keys of the tasks
UNWIND $task_keys AS k
MATCH (t:Task {key: k})
RETURN t.key AS task, t.id AS id, t.ordinal AS ordinal, t.ref AS ref, t.text AS text, t.deadline AS deadline,
       t.deadline_end AS deadline_end, t.deadline_time AS deadline_time, t.deadline_text AS deadline_text,
       t.recurrence_rule AS recurrence_rule, t.recurrence_on AS recurrence_on, t.recurrence_text AS recurrence_text,
       t.done_on AS done_on, t.done_by AS done_by, t.done_note AS done_note, t.deadline_by AS deadline_by,
       t.notice AS notice
