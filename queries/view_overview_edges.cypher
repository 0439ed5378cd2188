// name: view_overview_edges
// description: Các cạnh của đồ thị cho hình tổng quan (thông báo chứa nhiệm vụ, giao việc với vai trò, ban hành, trích dẫn, thực hiện, căn cứ, chủ trì họp, xã phường liên quan)
MATCH (n:Notice)-[:CONTAINS]->(t:Task)
RETURN n.key AS a, t.key AS b, 'contains' AS link, '' AS role
UNION ALL
MATCH (t:Task)-[r:ASSIGNED_TO]->(o)
RETURN t.key AS a, o.key AS b, 'assigned' AS link, r.role AS role
UNION ALL
MATCH (n:Notice)-[:ISSUED_BY]->(o)
RETURN n.key AS a, o.key AS b, 'issuer' AS link, '' AS role
UNION ALL
MATCH (n:Notice)-[:CITES]->(d:Document)
RETURN n.key AS a, d.key AS b, 'cites' AS link, '' AS role
UNION ALL
MATCH (x:Document)-[:IMPLEMENTS]->(d:Document)
RETURN x.key AS a, d.key AS b, 'implements' AS link, '' AS role
UNION ALL
MATCH (t:Task)-[:BASED_ON]->(d:Document)
RETURN t.key AS a, d.key AS b, 'based_on' AS link, '' AS role
UNION ALL
MATCH (n:Notice)-[:RECORDS]->(m:Meeting)-[l:LED_BY]->(p:Person)
RETURN n.key AS a, p.key AS b, 'leader' AS link, l.role AS role
UNION ALL
MATCH (n:Notice)-[:RECORDS]->(m:Meeting)-[:CONCERNS]->(u:AdminUnit)
RETURN n.key AS a, u.key AS b, 'commune' AS link, '' AS role
