// Question: Which projects bring together participants from several sectors?
// Parameter: $min_sectors (integer, default 2) least number of distinct sectors
// Returns: project, name, sector_count, sectors, participants
// Compare: sectors of the participates_in sources of each project in G
MATCH (a)-[:PARTICIPATES_IN]->(j:Project)
WITH j, collect(DISTINCT a.sector) AS sectors, count(DISTINCT a) AS participants
WHERE size(sectors) >= $min_sectors
RETURN j.id AS project, j.name AS name, size(sectors) AS sector_count, sectors, participants
ORDER BY sector_count DESC, project
