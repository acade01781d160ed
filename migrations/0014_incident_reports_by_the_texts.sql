-- Incident reports as Decision 05/2017/QĐ-TTg and Circular 20/2017/TT-BTTTT say (issue 14 §4).
-- The response team's report keeps its data under response_*; closing_* is now the operator's closing report.
ALTER TABLE "incidents" RENAME COLUMN "closing_damage" TO "response_damage";--> statement-breakpoint
ALTER TABLE "incidents" RENAME COLUMN "closing_root_cause" TO "response_root_cause";--> statement-breakpoint
ALTER TABLE "incidents" RENAME COLUMN "closing_origin" TO "response_origin";--> statement-breakpoint
ALTER TABLE "incidents" RENAME COLUMN "closing_actions" TO "response_actions";--> statement-breakpoint
ALTER TABLE "incidents" RENAME COLUMN "closing_lessons" TO "response_lessons";--> statement-breakpoint
ALTER TABLE "incidents" RENAME COLUMN "closing_report_at" TO "response_report_at";--> statement-breakpoint
-- The national coordinator always receives the report: nothing left to store.
ALTER TABLE "incidents" DROP COLUMN "for_national_coordinator";--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "effects" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "capacity" text DEFAULT 'within' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "spread" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "initial_result" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "supporting_organizations" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "operator_name" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "operator_address" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "infrastructure_provider" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "affected_addresses" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closing_damage" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closing_cause" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closing_actions" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closing_supporting_organizations" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closing_recommendations" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closing_lessons" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closing_report_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closing_filed_at" timestamp with time zone;--> statement-breakpoint
-- The serious class is now the class of reports made at once (likely serious, or beyond the operator's capacity).
UPDATE "incident_report_rules" SET "severity_class" = 'immediate' WHERE "severity_class" = 'serious';--> statement-breakpoint
-- Reports filed before: the reporting agency operated the system.
UPDATE "incidents" SET "operator_name" = a."name", "operator_address" = a."address"
  FROM "agencies" a WHERE a."id" = "incidents"."agency_id" AND "incidents"."source" = 'agency';
