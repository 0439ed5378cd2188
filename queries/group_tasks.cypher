// name: group_tasks
// description: Các nhiệm vụ của những nhóm hạn đã cho (mỗi nhóm: một ngày đến hạn và một khoảng ngày của thông báo): khóa, khóa thứ tự và ngày hoàn thành (để cắt một trang của danh sách hạn)
// UNWIND then a key match of the DeadlineDay groups (kg.model.DUE), their DUE_ON edges in an OPTIONAL MATCH after it:
// Ladybug looks the groups up in the key index and extends from those alone (see page_assignees), whatever the size
// of the store. kg.graph orders the tasks itself.
// param: group_keys LIST  keys of the DeadlineDay groups (day_groups)
UNWIND $group_keys AS k
MATCH (d:DeadlineDay {key: k})
OPTIONAL MATCH (d)<-[:DUE_ON]-(t:Task)
RETURN d.key AS group_key, t.key AS task, t.order_key AS order_key, t.done_on AS done_on
