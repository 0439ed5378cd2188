// name: unit_names
// description: Mọi đơn vị hành chính (xã, phường, huyện): khóa và tên (để lọc theo một phần tên đã bỏ dấu)
MATCH (u:AdminUnit)
RETURN u.key AS key, u.name AS name
ORDER BY key
