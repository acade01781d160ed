-- Each system carries the tally of its level's baseline requirements (applicable, met), kept by triggers,
-- so lists, the dashboard and reports read two columns instead of counting requirement rows per system.
ALTER TABLE "systems" ADD COLUMN "req_applicable" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "systems" ADD COLUMN "req_met" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE FUNCTION refresh_system_tally(ids integer[]) RETURNS void LANGUAGE sql AS $$
  UPDATE systems s SET (req_applicable, req_met) = (
    SELECT count(*) FILTER (WHERE sr.status <> 'not_applicable')::int, count(*) FILTER (WHERE sr.status = 'met')::int
    FROM system_requirements sr JOIN requirements r ON r.id = sr.requirement_id
    WHERE sr.system_id = s.id AND coalesce(s.approved_level, s.proposed_level) = ANY (r.levels))
  WHERE s.id = ANY (ids);
$$;
--> statement-breakpoint
CREATE FUNCTION system_requirements_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_system_tally(ARRAY(SELECT DISTINCT system_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_system_tally(ARRAY(SELECT DISTINCT system_id FROM new_rows UNION SELECT system_id FROM old_rows));
  ELSE
    PERFORM refresh_system_tally(ARRAY(SELECT DISTINCT system_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER system_requirements_tally_insert AFTER INSERT ON system_requirements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION system_requirements_tally_trigger();
--> statement-breakpoint
CREATE TRIGGER system_requirements_tally_update AFTER UPDATE ON system_requirements
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION system_requirements_tally_trigger();
--> statement-breakpoint
CREATE TRIGGER system_requirements_tally_delete AFTER DELETE ON system_requirements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION system_requirements_tally_trigger();
--> statement-breakpoint
CREATE FUNCTION systems_level_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_system_tally(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER systems_level_tally AFTER UPDATE OF approved_level, proposed_level ON systems
  FOR EACH ROW WHEN (OLD.approved_level IS DISTINCT FROM NEW.approved_level OR OLD.proposed_level IS DISTINCT FROM NEW.proposed_level)
  EXECUTE FUNCTION systems_level_tally_trigger();
--> statement-breakpoint
-- Overdue requirements are few: a partial index finds them without visiting every tracked row.
CREATE INDEX "system_requirements_open_due_idx" ON "system_requirements" ("system_id", "due_on")
  WHERE "due_on" IS NOT NULL AND "status" NOT IN ('met', 'not_applicable');
--> statement-breakpoint
-- The incident list pages newest first.
CREATE INDEX "incidents_reported_idx" ON "incidents" ("reported_at" DESC, "id" DESC);
--> statement-breakpoint
SELECT refresh_system_tally(ARRAY(SELECT id FROM systems));
