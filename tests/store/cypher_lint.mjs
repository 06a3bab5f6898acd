// Neo4j's own Cypher front-end over every Cypher text of ptce-graph, for the tests.
// One process per pytest session: reads JSON lines {"id", "query", "parameters"} on stdin and
// answers one JSON line {"id", "diagnostics": [{severity, message, line, character}]} each.
import { createInterface } from 'node:readline';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const input = createInterface({ input: process.stdin, terminal: false });
for await (const line of input) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  const parameters = Object.fromEntries((request.parameters || []).map((p) => [p, null]));
  let diagnostics;
  try {
    diagnostics = lintCypherQuery(request.query, { parameters }).diagnostics.map((d) => ({
      severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
      message: d.message,
      line: d.range.start.line + 1,
      character: d.range.start.character + 1,
    }));
  } catch (err) {
    diagnostics = [{ severity: 'error', message: `linter crashed: ${err}`, line: 0, character: 0 }];
  }
  process.stdout.write(JSON.stringify({ id: request.id, diagnostics }) + '\n');
}
