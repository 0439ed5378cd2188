// name: document_tasks
// description: Các nhiệm vụ dựa trên những văn bản đã cho (BASED_ON), với khóa thứ tự và thông báo của chúng: một bước của truy vết
// The documents of a trace's closure by key, the tasks resting on them in an OPTIONAL MATCH (see trace_closure):
// whatever the size of the store. kg.graph orders the tasks itself. A document nothing rests on gives a row whose
// task is null. At 100,000 notices: 6–10 ms for the 50–70 documents of the largest closures (550–620 tasks),
// against 8–14 ms for one statement per document.
// param: doc_keys LIST  keys of the documents
UNWIND $doc_keys AS k
MATCH (x:Document {key: k})
OPTIONAL MATCH (x)<-[:BASED_ON]-(t:Task)
RETURN x.key AS doc, t.key AS task, t.order_key AS order_key, t.notice AS notice
