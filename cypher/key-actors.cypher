// Question: Who are the key actors, whose departure would cut other actors of their pole off (written back by `analyze --write-back`), most central first?
// Parameter: $limit (integer, default 10) how many actors
// Returns: actor, name, key_actor_poles, betweenness, degree, community, articulation_point
// Compare: pole_fragility(G)["key_actors"], with node_metrics(G) for the centrality columns
MATCH (n)
WHERE n.key_actor = true
RETURN n.id AS actor, n.name AS name, n.key_actor_poles AS key_actor_poles,
       n.betweenness AS betweenness, n.degree AS degree, n.community AS community,
       n.articulation_point AS articulation_point
ORDER BY coalesce(betweenness, -1.0) DESC, actor
LIMIT $limit
