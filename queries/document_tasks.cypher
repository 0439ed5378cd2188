// name: document_tasks
// description: Các nhiệm vụ dựa trên một văn bản (BASED_ON), với khóa thứ tự của chúng: một bước của truy vết
// One document by key: a lookup in the key index, then its BASED_ON edges (the tasks resting on it), whatever the
// size of the store. kg.graph runs it once per document of a trace's closure and orders the tasks itself: with a
// list ('WHERE x.key IN $doc_keys') Ladybug reads the whole Document table first.
// param: doc_key STRING  key of the document
MATCH (x:Document {key: $doc_key})<-[:BASED_ON]-(t:Task)
RETURN t.key AS task, t.order_key AS order_key, t.notice AS notice, t.ordinal AS ordinal
