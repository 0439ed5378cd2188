#!/usr/bin/env node
// The portability guard: every statement given is checked by Neo4j's own Cypher front end (the parser and
// semantic analysis of @neo4j-cypher/language-support), with Cypher 5 semantics and the functions and
// procedures a plain Neo4j 5 server has (no APOC, no GDS, no other engine's procedures).
//
// Input (a file named on the command line, or stdin): JSON
//   {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//    "statements": [{"name": "recipe trace_document", "text": "MATCH …", "params": ["doc_keys", …]}, …]}
// Output (stdout): JSON [{"name", "problems": [{"severity": "error"|"warning", "message", "line", "column"}]}]
// for the statements with problems, then exit code 1 if any has one (0 when all pass, 2 on bad input).
'use strict';

const fs = require('fs');
const { lintCypherQuery, testData } = require('@neo4j-cypher/language-support');

const VERSION = 'CYPHER 5';

function neo4jBuiltins() {
  // The package's reference schema lists the functions and procedures of a Neo4j 5 server with APOC and GDS
  // installed; keep what Neo4j itself ships (built-in functions; db.*, dbms.*, tx.* procedures).
  const ref = testData.mockSchema;
  const functions = {};
  for (const [name, fn] of Object.entries(ref.functions[VERSION])) {
    if (fn.isBuiltIn) functions[name] = fn;
  }
  const procedures = {};
  for (const [name, proc] of Object.entries(ref.procedures[VERSION])) {
    if (/^(db|dbms|tx)\./.test(name)) procedures[name] = proc;
  }
  return { functions: { [VERSION]: functions }, procedures: { [VERSION]: procedures } };
}

function main() {
  const raw = fs.readFileSync(process.argv[2] || 0, 'utf8');
  let input;
  try {
    input = JSON.parse(raw);
  } catch (e) {
    process.stderr.write(`guard: input is not JSON: ${e.message}\n`);
    process.exit(2);
  }
  const builtins = neo4jBuiltins();
  const schema = input.schema || {};
  const labels = new Set(schema.labels || []);
  const types = new Set(schema.relationshipTypes || []);
  const failed = [];
  for (const st of input.statements || []) {
    const parameters = {};
    for (const p of st.params || []) parameters[p] = 0; // declared: its value does not matter to the checks
    const dbSchema = {
      labels: [...labels],
      relationshipTypes: [...types],
      propertyKeys: schema.propertyKeys || [],
      parameters,
      functions: builtins.functions,
      procedures: builtins.procedures,
      defaultLanguage: VERSION,
    };
    const diagnostics = lintCypherQuery(st.text, dbSchema);
    const problems = diagnostics.map((d) => ({
      severity: d.severity === 1 ? 'error' : 'warning',
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    }));
    if (problems.length) failed.push({ name: st.name, problems });
  }
  process.stdout.write(JSON.stringify(failed, null, 1) + '\n');
  process.exit(failed.length ? 1 : 0);
}

main();
