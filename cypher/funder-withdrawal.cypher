// Question: Which funders' withdrawal would leave the most recipients with no funding at all?
// Returns: funder, name, unfunded, recipients
// Compare: recipients whose only funder is the funder, from the funds edges of G
MATCH (f)-[:FUNDS]->(x)
WITH x, collect(DISTINCT f) AS funders
WHERE size(funders) = 1
WITH funders[0] AS funder, x
ORDER BY x.id
WITH funder, collect(x.id) AS recipients
RETURN funder.id AS funder, funder.name AS name, size(recipients) AS unfunded, recipients
ORDER BY unfunded DESC, funder
