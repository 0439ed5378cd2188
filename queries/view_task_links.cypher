// name: view_task_links
// description: Các đơn vị được giao (vai trò) và văn bản làm căn cứ của các nhiệm vụ đã cho
// param: task_keys LIST  keys of the tasks
MATCH (t:Task)-[a:ASSIGNED_TO]->(o)
WHERE t.key IN $task_keys
RETURN t.key AS task, 'assigned' AS link, o.key AS key, o.name AS name, a.role AS role
UNION ALL
MATCH (t:Task)-[:BASED_ON]->(d:Document)
WHERE t.key IN $task_keys
RETURN t.key AS task, 'based_on' AS link, d.key AS key, d.number AS name, 'based_on' AS role
