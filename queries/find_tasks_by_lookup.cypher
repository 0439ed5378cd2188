// name: find_tasks_by_lookup
// description: Các nhiệm vụ có mã công khai đã cho ('NV-7f3a2c'), với thông báo chứa chúng (tìm qua bảng tra mã nhiệm vụ)
// The rows of find_tasks, found through the lookup node keyed by the id (kg/lookups.py: a primary-key lookup, then
// its few HAS_ID edges) instead of a scan of Task.id; on a store that keeps the lookup tables (format 6).
// param: task_id STRING  public id of the task
MATCH (i:TaskIdLookup {key: $task_id})<-[:HAS_ID]-(t:Task)<-[:CONTAINS]-(n:Notice)
RETURN t.key AS key, t.id AS id, t.doc_id AS doc_id, n.key AS notice, n.path AS path, n.title AS notice_title,
       n.number AS notice_number
ORDER BY key
