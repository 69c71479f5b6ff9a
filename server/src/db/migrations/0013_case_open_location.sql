-- Custom SQL migration file, put your code below! --
-- Duplicate suggestions at intake look for OPEN matters near a point. On the full-history GiST index the planner
-- intersected it with the category index (tens of thousands of rows once a category is common): 10+ ms per intake at
-- 1M matters. Open matters are a bounded set whatever the history, so their own spatial index keeps it < 1 ms.
CREATE INDEX IF NOT EXISTS "cases_open_location_gist" ON "cases" USING gist ("location")
  WHERE "state" NOT IN ('closed', 'merged', 'rejected');
