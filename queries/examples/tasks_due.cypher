// name: tasks_due
// description: Nhiệm vụ có hạn trong khoảng [from_date, to_date], kèm cơ quan được giao
// param: from_date DATE    first day, inclusive
// param: to_date   DATE    last day, inclusive
// param: agency    STRING  (optional) keep only tasks assigned to this agency key
MATCH (t:Task)
WHERE t.deadline >= $from_date AND t.deadline <= $to_date
OPTIONAL MATCH (t)-[:ASSIGNED_TO]->(a:Agency)
WITH t, collect(DISTINCT a.key) AS agencies
WHERE $agency IN agencies OR $agency IS NULL
RETURN t.key AS task, t.deadline AS deadline, agencies
ORDER BY deadline, task
