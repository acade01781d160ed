ALTER TABLE "systems" ADD COLUMN "environment" text DEFAULT 'production' NOT NULL;--> statement-breakpoint
ALTER TABLE "requirements" ADD COLUMN "condition" text;--> statement-breakpoint
-- Whether a requirement's condition holds for a system; the same rule as conditionHolds in
-- src/shared/requirements/compliance.ts. test_system_personal_data: a test system holding personal information
-- (Vĩnh Phúc directive 1.g).
CREATE FUNCTION requirement_condition_holds(cond text, environment text, data_kinds text[]) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
  SELECT cond IS NULL OR (cond = 'test_system_personal_data' AND environment = 'test'
    AND data_kinds && ARRAY['personal', 'sensitive_personal']::text[]);
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refresh_system_tally(ids integer[]) RETURNS void LANGUAGE sql AS $$
  UPDATE systems s SET (req_applicable, req_met) = (
    SELECT count(*) FILTER (WHERE sr.status <> 'not_applicable')::int, count(*) FILTER (WHERE sr.status = 'met')::int
    FROM system_requirements sr JOIN requirements r ON r.id = sr.requirement_id
    WHERE sr.system_id = s.id AND coalesce(s.approved_level, s.proposed_level) = ANY (r.levels)
      AND requirement_condition_holds(r.condition, s.environment, s.data_kinds))
  WHERE s.id = ANY (ids);
$$;
--> statement-breakpoint
-- The tally also follows the facts a condition reads.
DROP TRIGGER systems_level_tally ON systems;
--> statement-breakpoint
CREATE TRIGGER systems_level_tally AFTER UPDATE OF approved_level, proposed_level, environment, data_kinds ON systems
  FOR EACH ROW WHEN (OLD.approved_level IS DISTINCT FROM NEW.approved_level OR OLD.proposed_level IS DISTINCT FROM NEW.proposed_level
    OR OLD.environment IS DISTINCT FROM NEW.environment OR OLD.data_kinds IS DISTINCT FROM NEW.data_kinds)
  EXECUTE FUNCTION systems_level_tally_trigger();
