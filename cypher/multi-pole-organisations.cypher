// Question: Which organisations are members of two poles or more?
// Parameter: $min_poles (integer, default 2) least number of poles
// Returns: organisation, name, pole_count, poles
// Compare: pole_members(G) grouped by member
MATCH (o:Organisation)-[:MEMBER_OF]->(p:Pole)
WITH o, p
ORDER BY p.id
WITH o, collect(DISTINCT p.id) AS poles
WHERE size(poles) >= $min_poles
RETURN o.id AS organisation, o.name AS name, size(poles) AS pole_count, poles
ORDER BY pole_count DESC, organisation
