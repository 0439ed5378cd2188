// name: stats
// description: Số lượng thông báo, cuộc họp, nhiệm vụ, văn bản, cơ quan, người trong đồ thị
OPTIONAL MATCH (n:Notice)
WITH count(n) AS notices
OPTIONAL MATCH (m:Meeting)
WITH notices, count(m) AS meetings
OPTIONAL MATCH (t:Task)
WITH notices, meetings, count(t) AS tasks
OPTIONAL MATCH (d:Document)
WITH notices, meetings, tasks, count(d) AS documents
OPTIONAL MATCH (a:Agency)
WITH notices, meetings, tasks, documents, count(a) AS agencies
OPTIONAL MATCH (c:Committee)
WITH notices, meetings, tasks, documents, agencies, count(c) AS committees
OPTIONAL MATCH (g:AgencyGroup)
WITH notices, meetings, tasks, documents, agencies, committees, count(g) AS groups
OPTIONAL MATCH (p:Person)
WITH notices, meetings, tasks, documents, agencies, committees, groups, count(p) AS people
OPTIONAL MATCH (u:AdminUnit)
RETURN notices, meetings, tasks, documents, agencies, committees, groups, people, count(u) AS admin_units
