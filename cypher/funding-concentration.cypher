// Question: Which poles have the most concentrated funding (Herfindahl index of their funders' shares)?
// Returns: pole, name, funders, funding, concentration, main_funder_share
// Compare: pole_funding(G) grouped by pole and funder; concentration = sum of squared shares
MATCH (f)-[g:FUNDS]->()-[:PART_OF*0..1]->(p:Pole)
WITH p, f, sum(coalesce(g.amount, 0.0)) AS amount
WITH p, collect(amount) AS amounts, sum(amount) AS funding, count(f) AS funders
WHERE funding > 0
RETURN p.id AS pole, p.name AS name, funders, funding,
       reduce(h = 0.0, a IN amounts | h + (a / funding) * (a / funding)) AS concentration,
       reduce(top = 0.0, a IN amounts | CASE WHEN a > top THEN a ELSE top END) / funding
         AS main_funder_share
ORDER BY concentration DESC, pole
