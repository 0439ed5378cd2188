// name: day_tasks
// description: Các nhiệm vụ đến hạn vào một ngày (không kể định kỳ): khóa, khóa thứ tự và ngày hoàn thành (để cắt một trang của danh sách hạn)
// One DeadlineDay by key (kg.model.DUE): a lookup in the key index, then its DUE_ON edges, whatever the size of the
// store. kg.graph runs it once per day a page of deadlines spans and orders the tasks itself.
// param: day STRING  ISO date: the day (DeadlineDay key)
MATCH (d:DeadlineDay {key: $day})<-[:DUE_ON]-(t:Task)
RETURN t.key AS task, t.order_key AS order_key, t.done_on AS done_on
