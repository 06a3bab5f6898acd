// Question: Which member organisations of a pole have no cooperation tie with anyone (no direct tie, no shared project), as of a year?
// Parameter: $pole (text) id of the pole, e.g. pole-esci
// Parameter: $as_of (integer, default none) the year judged: memberships, ties, projects and organisations active that year; left out, the year the loaded dataset describes (as `analyze` judges it)
// Returns: member, name, category, sector
// Compare: node_metrics(G, year=AS_OF)["isolated"] for the pole's members as of AS_OF (cooperation layer)
MATCH (m:Organisation)-[r:MEMBER_OF]->(p:Pole {id: $pole})
WHERE $as_of IS NULL OR (
  (r.since IS NULL OR toInteger(substring(toString(r.since), 0, 4)) <= $as_of)
  AND (r.until IS NULL OR toInteger(substring(toString(r.until), 0, 4)) >= $as_of)
  AND (m.founded IS NULL OR toInteger(substring(toString(m.founded), 0, 4)) <= $as_of)
  AND (p.founded IS NULL OR toInteger(substring(toString(p.founded), 0, 4)) <= $as_of))
WITH DISTINCT m
OPTIONAL MATCH (m)-[c:COOPERATES_WITH]-(o)
WHERE o <> m AND (o:Organisation OR o:Collectivity) AND ($as_of IS NULL OR (
  (c.since IS NULL OR toInteger(substring(toString(c.since), 0, 4)) <= $as_of)
  AND (c.until IS NULL OR toInteger(substring(toString(c.until), 0, 4)) >= $as_of)
  AND (NOT o:Organisation OR o.founded IS NULL
       OR toInteger(substring(toString(o.founded), 0, 4)) <= $as_of)))
WITH m, count(o) AS direct
OPTIONAL MATCH (m)-[a:PARTICIPATES_IN]->(j)<-[b:PARTICIPATES_IN]-(q)
WHERE q <> m AND (q:Organisation OR q:Collectivity) AND ($as_of IS NULL OR (
  (a.since IS NULL OR toInteger(substring(toString(a.since), 0, 4)) <= $as_of)
  AND (a.until IS NULL OR toInteger(substring(toString(a.until), 0, 4)) >= $as_of)
  AND (b.since IS NULL OR toInteger(substring(toString(b.since), 0, 4)) <= $as_of)
  AND (b.until IS NULL OR toInteger(substring(toString(b.until), 0, 4)) >= $as_of)
  AND (j.start IS NULL OR toInteger(substring(toString(j.start), 0, 4)) <= $as_of)
  AND (j.`end` IS NULL OR toInteger(substring(toString(j.`end`), 0, 4)) >= $as_of)
  AND (j.founded IS NULL OR toInteger(substring(toString(j.founded), 0, 4)) <= $as_of)
  AND (NOT q:Organisation OR q.founded IS NULL
       OR toInteger(substring(toString(q.founded), 0, 4)) <= $as_of)))
WITH m, direct, count(q) AS shared
WHERE direct = 0 AND shared = 0
RETURN m.id AS member, m.name AS name, m.category AS category, m.sector AS sector
ORDER BY member
