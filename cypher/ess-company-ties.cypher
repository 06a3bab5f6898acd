// Question: Which cooperation ties link an ESS organisation to a conventional company?
// Returns: ess_organisation, ess_name, company, company_name, kind, since
// Compare: cooperation_ties(G) with one end ess=true and the other a company with ess not true
MATCH (e:Organisation)-[c:COOPERATES_WITH]-(k:Organisation)
WHERE e.ess = true AND k.category = 'company' AND coalesce(k.ess, false) = false
RETURN e.id AS ess_organisation, e.name AS ess_name, k.id AS company, k.name AS company_name,
       c.kind AS kind, c.since AS since
ORDER BY ess_organisation, company
