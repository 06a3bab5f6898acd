// Question: Which projects receive no funding at all?
// Returns: project, name, sector, poles
// Compare: projects of G with no incoming funds edge
MATCH (j:Project)
OPTIONAL MATCH ()-[g:FUNDS]->(j)
WITH j, count(g) AS grants
WHERE grants = 0
OPTIONAL MATCH (j)-[:PART_OF]->(p:Pole)
RETURN j.id AS project, j.name AS name, j.sector AS sector, collect(p.id) AS poles
ORDER BY project
