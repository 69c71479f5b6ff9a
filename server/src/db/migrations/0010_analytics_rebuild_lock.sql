-- Recompute every rollup from the matters and dispatches (npm run analytics:rebuild). Writers wait meanwhile.
-- Replaces 0008's version: the lock on the source tables is taken without waiting first (no deadlock with writers).
CREATE OR REPLACE FUNCTION gridgov_analytics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Take the source tables' SHARE lock without waiting while holding a half of it: a writer that holds a lock on
  -- case_dispatches and next wants cases (or the other way round) would otherwise deadlock with us. Retry for
  -- about 10 s, then queue for it like anyone else.
  FOR attempt IN 1..200 LOOP
    BEGIN
      LOCK TABLE cases, case_dispatches IN SHARE MODE NOWAIT;
      EXIT;
    EXCEPTION WHEN lock_not_available THEN
      PERFORM pg_sleep(0.05);
    END;
  END LOOP;
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
