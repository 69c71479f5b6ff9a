CREATE TABLE "case_daily_rollups" (
	"unit_id" bigint NOT NULL,
	"day" date NOT NULL,
	"category_code" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"responded_on_time" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"solved" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_daily_rollups_unit_id_day_category_code_pk" PRIMARY KEY("unit_id","day","category_code")
);
--> statement-breakpoint
CREATE TABLE "case_state_rollups" (
	"unit_id" bigint NOT NULL,
	"day" date NOT NULL,
	"category_code" text NOT NULL,
	"channel" text NOT NULL,
	"state" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_state_rollups_unit_id_day_category_code_channel_state_pk" PRIMARY KEY("unit_id","day","category_code","channel","state")
);
--> statement-breakpoint
CREATE TABLE "dispatch_daily_rollups" (
	"department_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"day" date NOT NULL,
	"category_code" text NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"handled_on_time" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dispatch_daily_rollups_unit_id_day_department_id_category_code_pk" PRIMARY KEY("unit_id","day","department_id","category_code")
);
--> statement-breakpoint
CREATE INDEX "case_daily_rollups_day_idx" ON "case_daily_rollups" USING btree ("day");--> statement-breakpoint
CREATE INDEX "case_state_rollups_day_idx" ON "case_state_rollups" USING btree ("day");--> statement-breakpoint
CREATE INDEX "dispatch_daily_rollups_day_idx" ON "dispatch_daily_rollups" USING btree ("day");--> statement-breakpoint
-- Analytics rollups (issue 8), maintained incrementally in the SAME transaction as every change of a case or a
-- dispatch, by triggers, so no module that moves a case has to remember them. One definition of each matter's
-- contribution (the gridgov_*_rows functions) serves both the triggers and the rebuild (gridgov_analytics_rebuild),
-- so incremental and rebuilt values cannot drift apart. Deltas are netted, zero deltas skipped, and rows are
-- written in key order so two transactions never lock the same rollup rows in opposite orders.
CREATE OR REPLACE FUNCTION gridgov_sh_day(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (ts AT TIME ZONE 'Asia/Shanghai')::date
$$;
--> statement-breakpoint
-- A matter's current state, counted on the day it was received.
CREATE OR REPLACE FUNCTION gridgov_case_state_rows(c cases)
RETURNS TABLE (unit_id bigint, day date, category_code text, channel text, state text, n int)
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(c.grid_id, c.owner_unit_id), gridgov_sh_day(c.created_at), COALESCE(c.category_code, ''), c.channel, c.state, 1
  WHERE COALESCE(c.grid_id, c.owner_unit_id) IS NOT NULL AND c.id IS NOT NULL
$$;
--> statement-breakpoint
-- A matter's outcomes, each on the day that puts it in a period (INDICATORS[*].periodBy in common/src/indicators.ts).
CREATE OR REPLACE FUNCTION gridgov_case_daily_rows(c cases)
RETURNS TABLE (unit_id bigint, day date, category_code text, received int, responded_on_time int, rated int, solved int, satisfied int, closed int)
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(c.grid_id, c.owner_unit_id), gridgov_sh_day(c.created_at), COALESCE(c.category_code, ''), 1,
    CASE WHEN c.first_response_at IS NOT NULL AND c.first_response_at <= COALESCE(c.response_due_at, c.first_response_at) THEN 1 ELSE 0 END,
    0, 0, 0, 0
  WHERE COALESCE(c.grid_id, c.owner_unit_id) IS NOT NULL AND c.id IS NOT NULL
  UNION ALL
  SELECT COALESCE(c.grid_id, c.owner_unit_id), gridgov_sh_day(c.rated_at), COALESCE(c.category_code, ''), 0, 0, 1,
    CASE WHEN c.resolved THEN 1 ELSE 0 END, CASE WHEN c.satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END, 0
  WHERE COALESCE(c.grid_id, c.owner_unit_id) IS NOT NULL AND c.id IS NOT NULL AND c.rated_at IS NOT NULL AND c.satisfaction IS NOT NULL
  UNION ALL
  SELECT COALESCE(c.grid_id, c.owner_unit_id), gridgov_sh_day(c.closed_at), COALESCE(c.category_code, ''), 0, 0, 0, 0, 0, 1
  WHERE COALESCE(c.grid_id, c.owner_unit_id) IS NOT NULL AND c.id IS NOT NULL AND c.state = 'closed' AND c.closed_at IS NOT NULL
$$;
--> statement-breakpoint
-- A dispatch: sent on the day created; handled (and on time) on the day its department fed back.
CREATE OR REPLACE FUNCTION gridgov_dispatch_rows(d case_dispatches, unit bigint, cat text)
RETURNS TABLE (department_id bigint, unit_id bigint, day date, category_code text, sent int, handled int, handled_on_time int)
LANGUAGE sql STABLE AS $$
  SELECT d.department_id, unit, gridgov_sh_day(d.created_at), cat, 1, 0, 0
  WHERE unit IS NOT NULL AND d.id IS NOT NULL
  UNION ALL
  SELECT d.department_id, unit, gridgov_sh_day(d.handled_at), cat, 0, 1, CASE WHEN d.handled_at <= d.handle_due_at THEN 1 ELSE 0 END
  WHERE unit IS NOT NULL AND d.id IS NOT NULL AND d.handled_at IS NOT NULL
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gridgov_case_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o cases := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD END;
  nw cases := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW END;
BEGIN
  INSERT INTO case_state_rollups AS r (unit_id, day, category_code, channel, state, n)
  SELECT x.unit_id, x.day, x.category_code, x.channel, x.state, sum(x.n * x.sign)::int
  FROM (SELECT s.*, -1 AS sign FROM gridgov_case_state_rows(o) s UNION ALL SELECT s.*, 1 FROM gridgov_case_state_rows(nw) s) x
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.n * x.sign) <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (unit_id, day, category_code, channel, state) DO UPDATE SET n = r.n + EXCLUDED.n;

  INSERT INTO case_daily_rollups AS r (unit_id, day, category_code, received, responded_on_time, rated, solved, satisfied, closed)
  SELECT x.unit_id, x.day, x.category_code, sum(x.received * x.sign)::int, sum(x.responded_on_time * x.sign)::int,
    sum(x.rated * x.sign)::int, sum(x.solved * x.sign)::int, sum(x.satisfied * x.sign)::int, sum(x.closed * x.sign)::int
  FROM (SELECT s.*, -1 AS sign FROM gridgov_case_daily_rows(o) s UNION ALL SELECT s.*, 1 FROM gridgov_case_daily_rows(nw) s) x
  GROUP BY 1, 2, 3
  HAVING sum(x.received * x.sign) <> 0 OR sum(x.responded_on_time * x.sign) <> 0 OR sum(x.rated * x.sign) <> 0
    OR sum(x.solved * x.sign) <> 0 OR sum(x.satisfied * x.sign) <> 0 OR sum(x.closed * x.sign) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, day, category_code) DO UPDATE SET received = r.received + EXCLUDED.received,
    responded_on_time = r.responded_on_time + EXCLUDED.responded_on_time, rated = r.rated + EXCLUDED.rated,
    solved = r.solved + EXCLUDED.solved, satisfied = r.satisfied + EXCLUDED.satisfied, closed = r.closed + EXCLUDED.closed;

  -- A rerouted or recategorised matter takes its dispatches' figures along.
  IF TG_OP = 'UPDATE' AND (COALESCE(o.grid_id, o.owner_unit_id) IS DISTINCT FROM COALESCE(nw.grid_id, nw.owner_unit_id)
      OR COALESCE(o.category_code, '') <> COALESCE(nw.category_code, '')) THEN
    PERFORM gridgov_dispatch_bump(d, COALESCE(o.grid_id, o.owner_unit_id), COALESCE(o.category_code, ''),
      COALESCE(nw.grid_id, nw.owner_unit_id), COALESCE(nw.category_code, ''))
    FROM case_dispatches d WHERE d.case_id = nw.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Moves one dispatch's contribution from (old row, old unit/category) to (new row, new unit/category); either may be NULL.
CREATE OR REPLACE FUNCTION gridgov_dispatch_move(o case_dispatches, o_unit bigint, o_cat text, nw case_dispatches, n_unit bigint, n_cat text)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO dispatch_daily_rollups AS r (department_id, unit_id, day, category_code, sent, handled, handled_on_time)
  SELECT x.department_id, x.unit_id, x.day, x.category_code, sum(x.sent * x.sign)::int, sum(x.handled * x.sign)::int, sum(x.handled_on_time * x.sign)::int
  FROM (SELECT s.*, -1 AS sign FROM gridgov_dispatch_rows(o, o_unit, o_cat) s UNION ALL SELECT s.*, 1 FROM gridgov_dispatch_rows(nw, n_unit, n_cat) s) x
  GROUP BY 1, 2, 3, 4
  HAVING sum(x.sent * x.sign) <> 0 OR sum(x.handled * x.sign) <> 0 OR sum(x.handled_on_time * x.sign) <> 0
  ORDER BY 2, 3, 1, 4
  ON CONFLICT (unit_id, day, department_id, category_code) DO UPDATE SET sent = r.sent + EXCLUDED.sent,
    handled = r.handled + EXCLUDED.handled, handled_on_time = r.handled_on_time + EXCLUDED.handled_on_time
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gridgov_dispatch_bump(d case_dispatches, o_unit bigint, o_cat text, n_unit bigint, n_cat text)
RETURNS void LANGUAGE sql AS $$ SELECT gridgov_dispatch_move(d, o_unit, o_cat, d, n_unit, n_cat) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gridgov_dispatch_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o case_dispatches := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD END;
  nw case_dispatches := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW END;
  o_unit bigint; o_cat text; n_unit bigint; n_cat text;
BEGIN
  IF o.id IS NOT NULL THEN
    SELECT COALESCE(c.grid_id, c.owner_unit_id), COALESCE(c.category_code, '') INTO o_unit, o_cat FROM cases c WHERE c.id = o.case_id;
  END IF;
  IF nw.id IS NOT NULL THEN
    SELECT COALESCE(c.grid_id, c.owner_unit_id), COALESCE(c.category_code, '') INTO n_unit, n_cat FROM cases c WHERE c.id = nw.case_id;
  END IF;
  PERFORM gridgov_dispatch_move(o, o_unit, o_cat, nw, n_unit, n_cat);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_analytics_rollup AFTER INSERT OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION gridgov_case_rollup();
--> statement-breakpoint
CREATE TRIGGER cases_analytics_rollup_update AFTER UPDATE ON cases FOR EACH ROW
  WHEN ((OLD.grid_id, OLD.owner_unit_id, OLD.category_code, OLD.channel, OLD.state, OLD.created_at, OLD.first_response_at,
         OLD.response_due_at, OLD.rated_at, OLD.satisfaction, OLD.resolved, OLD.closed_at)
    IS DISTINCT FROM (NEW.grid_id, NEW.owner_unit_id, NEW.category_code, NEW.channel, NEW.state, NEW.created_at, NEW.first_response_at,
         NEW.response_due_at, NEW.rated_at, NEW.satisfaction, NEW.resolved, NEW.closed_at))
  EXECUTE FUNCTION gridgov_case_rollup();
--> statement-breakpoint
CREATE TRIGGER case_dispatches_analytics_rollup AFTER INSERT OR DELETE ON case_dispatches FOR EACH ROW EXECUTE FUNCTION gridgov_dispatch_rollup();
--> statement-breakpoint
CREATE TRIGGER case_dispatches_analytics_rollup_update AFTER UPDATE ON case_dispatches FOR EACH ROW
  WHEN ((OLD.case_id, OLD.department_id, OLD.created_at, OLD.handled_at, OLD.handle_due_at)
    IS DISTINCT FROM (NEW.case_id, NEW.department_id, NEW.created_at, NEW.handled_at, NEW.handle_due_at))
  EXECUTE FUNCTION gridgov_dispatch_rollup();
--> statement-breakpoint
-- Recompute every rollup from the matters and dispatches (npm run analytics:rebuild). Writers wait meanwhile.
CREATE OR REPLACE FUNCTION gridgov_analytics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE cases, case_dispatches IN SHARE MODE;
  LOCK TABLE case_state_rollups, case_daily_rollups, dispatch_daily_rollups IN EXCLUSIVE MODE;
  DELETE FROM case_state_rollups;
  DELETE FROM case_daily_rollups;
  DELETE FROM dispatch_daily_rollups;
  INSERT INTO case_state_rollups (unit_id, day, category_code, channel, state, n)
  SELECT s.unit_id, s.day, s.category_code, s.channel, s.state, sum(s.n)::int
  FROM cases c, LATERAL gridgov_case_state_rows(c) s GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO case_daily_rollups (unit_id, day, category_code, received, responded_on_time, rated, solved, satisfied, closed)
  SELECT s.unit_id, s.day, s.category_code, sum(s.received)::int, sum(s.responded_on_time)::int, sum(s.rated)::int,
    sum(s.solved)::int, sum(s.satisfied)::int, sum(s.closed)::int
  FROM cases c, LATERAL gridgov_case_daily_rows(c) s GROUP BY 1, 2, 3;
  INSERT INTO dispatch_daily_rollups (department_id, unit_id, day, category_code, sent, handled, handled_on_time)
  SELECT s.department_id, s.unit_id, s.day, s.category_code, sum(s.sent)::int, sum(s.handled)::int, sum(s.handled_on_time)::int
  FROM case_dispatches d JOIN cases c ON c.id = d.case_id,
    LATERAL gridgov_dispatch_rows(d, COALESCE(c.grid_id, c.owner_unit_id), COALESCE(c.category_code, '')) s
  GROUP BY 1, 2, 3, 4;
END $$;
--> statement-breakpoint
-- The overdue list and count read only matters still being worked on (WORKING_STATES), by deadline.
CREATE INDEX IF NOT EXISTS cases_working_due_idx ON cases (due_at)
  WHERE state IN ('reported', 'accepted', 'in_grid', 'escalated_community', 'escalated_street', 'mediation', 'dispatched', 'returned', 'reopened');
--> statement-breakpoint
-- Map points: recent open matters, newest first.
CREATE INDEX IF NOT EXISTS cases_open_created_idx ON cases (created_at) WHERE state NOT IN ('closed', 'merged', 'rejected');
--> statement-breakpoint
SELECT gridgov_analytics_rebuild();
