// name: ambiguous
// description: Các tên không gộp được vì chưa rõ thuộc đơn vị nào (được giữ riêng, không đoán)
MATCH (o:Agency)
WHERE o.ambiguous = true
RETURN o.key AS key, o.name AS name, 'Agency' AS label
UNION ALL
MATCH (o:Committee)
WHERE o.ambiguous = true
RETURN o.key AS key, o.name AS name, 'Committee' AS label
UNION ALL
MATCH (o:AgencyGroup)
WHERE o.ambiguous = true
RETURN o.key AS key, o.name AS name, 'AgencyGroup' AS label
UNION ALL
MATCH (o:Document)
WHERE o.ambiguous = true
RETURN o.key AS key, o.number AS name, 'Document' AS label
