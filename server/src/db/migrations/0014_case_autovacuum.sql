-- Custom SQL migration file, put your code below! --
-- The dispatch board and the duplicate search read index-only ranges of cases; those stay index-only only while the
-- visibility map is fresh. With the default thresholds (20 % of the table) a table of a million matters is vacuumed
-- after 200,000 changes, so between vacuums every board count fetched heap pages (938 of 1,001 rows in the
-- benchmark). Vacuum cases and their dispatches after 1 % of changes or inserts instead.
ALTER TABLE "cases" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
--> statement-breakpoint
ALTER TABLE "case_dispatches" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
