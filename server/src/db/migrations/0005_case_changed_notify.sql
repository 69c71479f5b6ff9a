-- Live updates (SSE): every change of a case's state or version queues a `case.changed` event on the
-- gridgov_events channel, delivered on commit to every server instance (LISTEN/NOTIFY; PGlite in-process).
-- A trigger, so every module that moves a case publishes it without calling anything.
CREATE OR REPLACE FUNCTION gridgov_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gridgov_events', json_build_array(json_build_object(
    'type', 'case.changed', 'caseId', NEW.id, 'state', NEW.state, 'version', NEW.version, 'path', NEW.path::text,
    'departmentIds', COALESCE((SELECT json_agg(DISTINCT d.department_id) FROM case_dispatches d WHERE d.case_id = NEW.id), '[]'::json)
  ))::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_changed_notify AFTER UPDATE ON cases FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.version IS DISTINCT FROM NEW.version)
  EXECUTE FUNCTION gridgov_case_changed();
