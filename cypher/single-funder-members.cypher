// Question: Which pole members depend on a single funder (one funder only, or its share of their funding is at least $threshold)?
// Parameter: $threshold (number, default 0.5) share of the main funder from which a member depends on it, as `analyze --threshold`
// Returns: member, name, funders, main_funder, main_funder_share, funding
// Compare: funding_dependence(G, threshold=...)["single_funder_dependent"] for pole members
MATCH (f)-[g:FUNDS]->(m)
WHERE (m)-[:MEMBER_OF]->(:Pole)
WITH m, f, sum(coalesce(g.amount, 0.0)) AS amount
ORDER BY amount DESC, f.id
WITH m, collect(f.id) AS funders, collect(amount) AS amounts, sum(amount) AS funding
WITH m, funders, funding,
     CASE WHEN funding > 0 THEN amounts[0] / funding END AS share
WHERE size(funders) = 1 OR share >= $threshold
RETURN m.id AS member, m.name AS name, size(funders) AS funders, funders[0] AS main_funder,
       share AS main_funder_share, funding
ORDER BY member
