// name: task_info
// description: Một nhiệm vụ với nguồn gốc: thông báo, tệp, đoạn văn bản, đơn vị được giao, hạn, báo cáo, văn bản làm căn cứ
// param: task_key STRING  key of the task
MATCH (n:Notice)-[c:CONTAINS]->(t:Task {key: $task_key})
OPTIONAL MATCH (t)-[a:ASSIGNED_TO]->(o)
OPTIONAL MATCH (t)-[:REPORTS_TO]->(r)
OPTIONAL MATCH (t)-[:BASED_ON]->(d:Document)
RETURN t.key AS task, t.id AS id, t.doc_id AS doc_id, t.ref AS ref, t.topic AS topic, t.text AS text,
       t.deadline AS deadline, t.deadline_time AS deadline_time, t.deadline_text AS deadline_text,
       t.recurrence_rule AS recurrence_rule, t.recurrence_on AS recurrence_on, t.recurrence_text AS recurrence_text,
       t.done_on AS done_on, t.done_by AS done_by, t.done_note AS done_note, t.deadline_by AS deadline_by,
       t.deadline_end AS deadline_end, t.reason AS reason, t.confidence AS confidence,
       t.deadline_reason AS deadline_reason, t.accepted_by AS accepted_by, t.added_by AS added_by,
       t.reported_done AS reported_done, t.span_start AS span_start, t.span_end AS span_end, n.key AS notice, n.path AS path, n.sha256 AS sha256,
       n.title AS notice_title, n.number AS notice_number, n.date AS notice_date, n.issuer AS notice_issuer,
       o.name AS assignee, a.role AS role, a.by AS assignee_by, r.name AS report_to, d.number AS based_on
ORDER BY role, assignee, report_to, based_on
