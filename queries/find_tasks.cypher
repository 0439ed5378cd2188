// name: find_tasks
// description: Các nhiệm vụ có mã công khai đã cho ('NV-7f3a2c'), với thông báo chứa chúng
// param: task_id STRING  public id of the task
MATCH (n:Notice)-[:CONTAINS]->(t:Task)
WHERE t.id = $task_id
RETURN t.key AS key, t.id AS id, t.doc_id AS doc_id, n.key AS notice, n.path AS path, n.title AS notice_title,
       n.number AS notice_number
ORDER BY key
