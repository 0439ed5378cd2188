// name: merge_agencies
// description: Tạo hoặc cập nhật các cơ quan (dùng với execute_many: một dòng mỗi cơ quan)
// param: rows LIST  one map per agency: {key, name, aliases}; keys unique within a call
UNWIND $rows AS row
MERGE (n:Agency {key: row.key})
ON CREATE SET n.name = row.name, n.aliases = row.aliases
ON MATCH SET n.name = row.name, n.aliases = row.aliases
