// Question: How much funding does a pole receive each year, and from whom (grants spread evenly over their years)?
// Parameter: $pole (text) id of the pole, e.g. pole-esci
// Returns: year, funder, amount
// Compare: funding_by_year(pole_funding(G)) for the pole
MATCH (f)-[g:FUNDS]->()-[:PART_OF*0..1]->(p:Pole {id: $pole})
WHERE g.start IS NOT NULL
WITH f, g, toInteger(substring(g.start, 0, 4)) AS y0,
     toInteger(substring(coalesce(g.`end`, g.start), 0, 4)) AS y1
UNWIND range(y0, y1) AS year
RETURN year, f.id AS funder, sum(coalesce(g.amount, 0.0) / (y1 - y0 + 1)) AS amount
ORDER BY year, funder
