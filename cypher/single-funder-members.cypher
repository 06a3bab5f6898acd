// Question: Which pole members depend on a single funder (its share of their funding is at least $min_share)?
// Parameter: $min_share (number, default 1.0) least share of the member's funding from its main funder
// Returns: member, name, funders, main_funder, main_funder_share, funding
// Compare: funding_dependence(G)["single_funder_dependent"] for pole members
MATCH (f)-[g:FUNDS]->(m)
WHERE (m)-[:MEMBER_OF]->(:Pole)
WITH m, f, sum(coalesce(g.amount, 0.0)) AS amount
ORDER BY amount DESC, f.id
WITH m, collect(f.id) AS funders, collect(amount) AS amounts, sum(amount) AS funding
WITH m, funders, funding,
     CASE WHEN funding > 0 THEN amounts[0] / funding
          WHEN size(funders) = 1 THEN 1.0 ELSE 0.0 END AS share
WHERE share >= $min_share
RETURN m.id AS member, m.name AS name, size(funders) AS funders, funders[0] AS main_funder,
       share AS main_funder_share, funding
ORDER BY member
