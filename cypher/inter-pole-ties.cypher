// Question: Which pairs of poles are tied by cooperation between their members, and how strongly?
// Returns: pole_a, pole_b, cooperation_ties, shared_members
// Compare: cooperation_ties(G) mapped to the poles of both ends (pole_members)
MATCH (p1:Pole)<-[:MEMBER_OF]-()-[c:COOPERATES_WITH]-()-[:MEMBER_OF]->(p2:Pole)
WHERE p1.id < p2.id
WITH p1, p2, count(DISTINCT c) AS ties
OPTIONAL MATCH (p1)<-[:MEMBER_OF]-(s)-[:MEMBER_OF]->(p2)
RETURN p1.id AS pole_a, p2.id AS pole_b, ties AS cooperation_ties,
       count(DISTINCT s) AS shared_members
ORDER BY cooperation_ties DESC, pole_a, pole_b
