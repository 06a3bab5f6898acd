// Question: How many collectivities are involved in each pole (as members, funders of the pole or its projects, or project partners)?
// Returns: pole, name, collectivities, collectivity_names
// Compare: pole_profiles(G)["collectivities"]
MATCH (p:Pole)
OPTIONAL MATCH (c:Collectivity)-[:MEMBER_OF|FUNDS|PARTICIPATES_IN]->()-[:PART_OF*0..1]->(p)
WITH p, c
ORDER BY c.name
RETURN p.id AS pole, p.name AS name, count(DISTINCT c) AS collectivities,
       collect(DISTINCT c.name) AS collectivity_names
ORDER BY pole
