-- Custom SQL migration file, put your code below! --
-- The cockpit's map shows the newest open matters of the scope (up to 2,000): the open-matters-by-date index now
-- carries what a point needs (scope path, position, state, category), so the map is read from the index alone
-- instead of 2,000 table visits. Same key and predicate as cases_open_created_idx, which it replaces.
CREATE INDEX IF NOT EXISTS "cases_open_created_cover" ON "cases" ("created_at") INCLUDE ("path", "location", "state", "category_code")
  WHERE "state" NOT IN ('closed', 'merged', 'rejected');
--> statement-breakpoint
DROP INDEX IF EXISTS "cases_open_created_idx";
