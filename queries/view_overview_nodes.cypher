// name: view_overview_nodes
// description: Mọi nút của đồ thị cho hình tổng quan: khóa, loại, tên, ngày; nhiệm vụ với tình trạng tính đến một ngày
// param: as_of STRING  ISO date the status is computed for
// param: soon  STRING  ISO date until which an open task counts as due soon
MATCH (n:Notice)
RETURN n.key AS key, 'notice' AS kind, coalesce(n.number, n.title, n.path) AS name, n.date AS date, n.title AS detail,
       '' AS notice, 'none' AS status
UNION ALL
MATCH (t:Task)
RETURN t.key AS key, 'task' AS kind, t.id AS name, t.deadline AS date, t.text AS detail, t.notice AS notice,
       CASE WHEN t.recurrence_rule IS NOT NULL THEN 'recurring'
            WHEN t.deadline_end IS NULL THEN 'no_deadline'
            WHEN t.deadline_end < date($as_of) THEN 'overdue'
            WHEN t.deadline_end <= date($soon) THEN 'due_soon'
            ELSE 'open' END AS status
UNION ALL
MATCH (d:Document)
RETURN d.key AS key, 'document' AS kind, d.number AS name, d.date AS date, d.title AS detail, '' AS notice, 'none' AS status
UNION ALL
MATCH (o:Agency)
RETURN o.key AS key, 'agency' AS kind, o.name AS name, '' AS date, o.scope AS detail, '' AS notice, 'none' AS status
UNION ALL
MATCH (o:Committee)
RETURN o.key AS key, 'committee' AS kind, o.name AS name, '' AS date, o.scope AS detail, '' AS notice, 'none' AS status
UNION ALL
MATCH (o:AgencyGroup)
RETURN o.key AS key, 'group' AS kind, o.name AS name, '' AS date, o.scope AS detail, '' AS notice, 'none' AS status
UNION ALL
MATCH (p:Person)
RETURN p.key AS key, 'person' AS kind, p.name AS name, '' AS date, '' AS detail, '' AS notice, 'none' AS status
UNION ALL
MATCH (u:AdminUnit)
RETURN u.key AS key, 'unit' AS kind, u.name AS name, '' AS date, u.level AS detail, '' AS notice, 'none' AS status
