ALTER TABLE "requirements" ADD COLUMN "basis" text;--> statement-breakpoint
ALTER TABLE "requirements" ADD COLUMN "minimum" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "system_requirements" ADD COLUMN "not_applicable_approved_by" integer;--> statement-breakpoint
ALTER TABLE "system_requirements" ADD COLUMN "not_applicable_approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "system_requirements" ADD CONSTRAINT "system_requirements_not_applicable_approved_by_users_id_fk" FOREIGN KEY ("not_applicable_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The tally leaves a requirement out only when its "not applicable" is approved and it is not a minimum requirement
-- (shared/requirements/compliance.ts excusedFromTally); one awaiting approval counts as applicable and not met.
-- A conditional requirement counts only where its condition holds (migration 0022).
CREATE OR REPLACE FUNCTION refresh_system_tally(ids integer[]) RETURNS void LANGUAGE sql AS $$
  UPDATE systems s SET (req_applicable, req_met) = (
    SELECT count(*) FILTER (WHERE NOT (sr.status = 'not_applicable' AND sr.not_applicable_approved_at IS NOT NULL AND NOT r.minimum))::int,
      count(*) FILTER (WHERE sr.status = 'met')::int
    FROM system_requirements sr JOIN requirements r ON r.id = sr.requirement_id
    WHERE sr.system_id = s.id AND coalesce(s.approved_level, s.proposed_level) = ANY (r.levels)
      AND requirement_condition_holds(r.condition, s.environment, s.data_kinds))
  WHERE s.id = ANY (ids);
$$;
--> statement-breakpoint
-- "Not applicable" rows recorded before approvals existed were never approved: they await approval now.
SELECT refresh_system_tally(ARRAY(SELECT DISTINCT system_id FROM system_requirements WHERE status = 'not_applicable'));
