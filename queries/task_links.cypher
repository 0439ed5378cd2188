// name: task_links
// description: Các đơn vị được giao (vai trò) và văn bản làm căn cứ của một nhiệm vụ (cho hình vẽ: view_task_links cho nhiều nhiệm vụ)
// One task by key: for a page of tasks, run once per task, whatever the size of the store. (The list form of
// page_assignees, a key match then OPTIONAL MATCH, took 12 ms for one key here: its BASED_ON branch scans.)
// param: task_key STRING  key of the task
MATCH (t:Task {key: $task_key})-[a:ASSIGNED_TO]->(o)
RETURN t.key AS task, 'assigned' AS link, o.key AS key, o.name AS name, a.role AS role
UNION ALL
MATCH (t:Task {key: $task_key})-[:BASED_ON]->(d:Document)
RETURN t.key AS task, 'based_on' AS link, d.key AS key, d.number AS name, 'based_on' AS role
