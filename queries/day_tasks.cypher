// name: day_tasks
// description: Các nhiệm vụ của một nhóm hạn (một ngày đến hạn và một khoảng ngày của thông báo): khóa, khóa thứ tự và ngày hoàn thành (để cắt một trang của danh sách hạn)
// One DeadlineDay group by key (kg.model.DUE): a lookup in the key index, then its DUE_ON edges, whatever the size
// of the store. kg.graph runs it once per group a page of deadlines spans and orders the tasks itself.
// param: group_key STRING  key of the DeadlineDay group (day_groups)
MATCH (d:DeadlineDay {key: $group_key})<-[:DUE_ON]-(t:Task)
RETURN t.key AS task, t.order_key AS order_key, t.done_on AS done_on
