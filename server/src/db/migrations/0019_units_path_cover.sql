-- Rollups are summed up the unit tree by joining each rollup row's unit to its path (`u.path <@ scope`). With the
-- path beside the id in one index, that join reads the index alone (about 30 pages for a district of 1,200 units)
-- instead of visiting each unit's wide row (boundaries and all): the cockpit's and the breakdown's rollup reads
-- went from a merge join over 540 heap pages to an index-only scan.
CREATE INDEX IF NOT EXISTS "units_id_path_cover" ON "units" ("id") INCLUDE ("path");
