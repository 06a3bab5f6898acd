// Question: Who are the key actors of the network (highest betweenness, written back by `analyze --write-back`)?
// Parameter: $limit (integer, default 10) how many actors
// Returns: actor, name, betweenness, degree, community, articulation_point
// Compare: node_metrics(G) sorted by betweenness
MATCH (n)
WHERE n.betweenness IS NOT NULL
RETURN n.id AS actor, n.name AS name, n.betweenness AS betweenness, n.degree AS degree,
       n.community AS community, n.articulation_point AS articulation_point
ORDER BY betweenness DESC, actor
LIMIT $limit
