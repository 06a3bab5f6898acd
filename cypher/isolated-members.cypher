// Question: Which members of a pole have no cooperation tie with anyone?
// Parameter: $pole (text) id of the pole, e.g. pole-esci
// Returns: member, name, category, sector
// Compare: node_metrics(G)["isolated"] for the pole's members (cooperation layer)
MATCH (m)-[:MEMBER_OF]->(p:Pole {id: $pole})
OPTIONAL MATCH (m)-[c:COOPERATES_WITH]-()
WITH m, count(c) AS ties
WHERE ties = 0
RETURN m.id AS member, m.name AS name, m.category AS category, m.sector AS sector
ORDER BY member
