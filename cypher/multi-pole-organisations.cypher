// Question: Which organisations are members of two poles or more, as of a year?
// Parameter: $min_poles (integer, default 2) least number of poles
// Parameter: $as_of (integer, default none) the year judged: memberships, poles and organisations active that year; left out, the year the loaded dataset describes (as `analyze` judges it)
// Returns: organisation, name, pole_count, poles
// Compare: pole_members(G) as of AS_OF grouped by member
MATCH (o:Organisation)-[r:MEMBER_OF]->(p:Pole)
WHERE $as_of IS NULL OR (
  (r.since IS NULL OR toInteger(substring(toString(r.since), 0, 4)) <= $as_of)
  AND (r.until IS NULL OR toInteger(substring(toString(r.until), 0, 4)) >= $as_of)
  AND (o.founded IS NULL OR toInteger(substring(toString(o.founded), 0, 4)) <= $as_of)
  AND (p.founded IS NULL OR toInteger(substring(toString(p.founded), 0, 4)) <= $as_of))
WITH o, p
ORDER BY p.id
WITH o, collect(DISTINCT p.id) AS poles
WHERE size(poles) >= $min_poles
RETURN o.id AS organisation, o.name AS name, size(poles) AS pole_count, poles
ORDER BY pole_count DESC, organisation
