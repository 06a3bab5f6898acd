// Question: Which member organisations of a pole have no cooperation tie with anyone (no direct tie, no shared project)?
// Parameter: $pole (text) id of the pole, e.g. pole-esci
// Returns: member, name, category, sector
// Compare: node_metrics(G)["isolated"] for the pole's members (cooperation layer)
MATCH (m:Organisation)-[:MEMBER_OF]->(:Pole {id: $pole})
WITH DISTINCT m
OPTIONAL MATCH (m)-[:COOPERATES_WITH]-(o)
WHERE o <> m AND (o:Organisation OR o:Collectivity)
WITH m, count(o) AS direct
OPTIONAL MATCH (m)-[:PARTICIPATES_IN]->()<-[:PARTICIPATES_IN]-(q)
WHERE q <> m AND (q:Organisation OR q:Collectivity)
WITH m, direct, count(q) AS shared
WHERE direct = 0 AND shared = 0
RETURN m.id AS member, m.name AS name, m.category AS category, m.sector AS sector
ORDER BY member
