-- 0005_warnings_scans_assessments: written by hand to match the module schema.ts files (see ARCHITECTURE.md):
-- modules/warnings/schema.ts, modules/scans/schema.ts, modules/assessments/schema.ts.
CREATE TABLE "warnings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warnings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"cve_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"severity" text NOT NULL,
	"recommended_action" text,
	"deadline" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"matched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "warning_products" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warning_products_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"warning_id" integer NOT NULL,
	"vendor" text,
	"product" text NOT NULL,
	"version_range" text,
	"cpe" text
);
--> statement-breakpoint
CREATE TABLE "remediation_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "remediation_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"warning_id" integer NOT NULL,
	"system_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"matched_software" jsonb NOT NULL,
	"due_on" date NOT NULL,
	"notified_at" timestamp with time zone,
	"response" text,
	"approved_by" text,
	"resolved_on" date,
	"responded_by" integer,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"system_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"scanned_on" date NOT NULL,
	"tool" text NOT NULL,
	"scope" text,
	"performed_by" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"file_name" text,
	"file_sha256" text,
	"hosts" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "findings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"system_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"key" text NOT NULL,
	"host" text NOT NULL,
	"port" text NOT NULL,
	"cve_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"plugin_id" text,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"cvss" numeric(3, 1),
	"solution" text,
	"status" text DEFAULT 'open' NOT NULL,
	"first_seen_on" date NOT NULL,
	"last_seen_on" date NOT NULL,
	"first_scan_id" integer NOT NULL,
	"last_scan_id" integer NOT NULL,
	"closed_on" date,
	"closed_by_scan_id" integer
);
--> statement-breakpoint
CREATE TABLE "scan_findings" (
	"scan_id" integer NOT NULL,
	"finding_id" integer NOT NULL,
	CONSTRAINT "scan_findings_scan_id_finding_id_pk" PRIMARY KEY("scan_id","finding_id")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"system_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"assessor_agency_id" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"scope" text NOT NULL,
	"result" text NOT NULL,
	"summary" text,
	"findings" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_rounds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_rounds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"plan" text,
	"decision_number" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_agencies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_agencies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"round_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"inspected_on" date,
	"conclusion" text
);
--> statement-breakpoint
CREATE TABLE "inspection_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inspection_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"round_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"finding" text NOT NULL,
	"action" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response" text,
	"done_on" date,
	"responded_by" integer,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The professional monitoring provider of a system (layer 2 of the 4-layer model); an assessor must differ from it.
ALTER TABLE "systems" ADD COLUMN "monitoring_provider_agency_id" integer;
--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_monitoring_provider_agency_id_agencies_id_fk" FOREIGN KEY ("monitoring_provider_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "warning_products" ADD CONSTRAINT "warning_products_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remediation_items" ADD CONSTRAINT "remediation_items_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remediation_items" ADD CONSTRAINT "remediation_items_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remediation_items" ADD CONSTRAINT "remediation_items_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "remediation_items" ADD CONSTRAINT "remediation_items_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_first_scan_id_scans_id_fk" FOREIGN KEY ("first_scan_id") REFERENCES "public"."scans"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_last_scan_id_scans_id_fk" FOREIGN KEY ("last_scan_id") REFERENCES "public"."scans"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_closed_by_scan_id_scans_id_fk" FOREIGN KEY ("closed_by_scan_id") REFERENCES "public"."scans"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_scan_id_scans_id_fk" FOREIGN KEY ("scan_id") REFERENCES "public"."scans"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "scan_findings" ADD CONSTRAINT "scan_findings_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_assessor_agency_id_agencies_id_fk" FOREIGN KEY ("assessor_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_rounds" ADD CONSTRAINT "inspection_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_agencies" ADD CONSTRAINT "inspection_agencies_round_id_inspection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_rounds"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_agencies" ADD CONSTRAINT "inspection_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD CONSTRAINT "inspection_tasks_round_id_inspection_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."inspection_rounds"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD CONSTRAINT "inspection_tasks_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD CONSTRAINT "inspection_tasks_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "warnings_source_number_idx" ON "warnings" USING btree ("source","number");
--> statement-breakpoint
CREATE INDEX "warnings_issued_idx" ON "warnings" USING btree ("issued_on");
--> statement-breakpoint
CREATE INDEX "warning_products_warning_idx" ON "warning_products" USING btree ("warning_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "remediation_items_warning_system_idx" ON "remediation_items" USING btree ("warning_id","system_id");
--> statement-breakpoint
CREATE INDEX "remediation_items_agency_idx" ON "remediation_items" USING btree ("agency_id","status");
--> statement-breakpoint
CREATE INDEX "remediation_items_system_idx" ON "remediation_items" USING btree ("system_id");
--> statement-breakpoint
CREATE INDEX "scans_system_idx" ON "scans" USING btree ("system_id","scanned_on");
--> statement-breakpoint
CREATE INDEX "scans_agency_idx" ON "scans" USING btree ("agency_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "findings_system_key_idx" ON "findings" USING btree ("system_id","key");
--> statement-breakpoint
CREATE INDEX "findings_agency_status_idx" ON "findings" USING btree ("agency_id","status");
--> statement-breakpoint
CREATE INDEX "scan_findings_finding_idx" ON "scan_findings" USING btree ("finding_id");
--> statement-breakpoint
CREATE INDEX "assessments_system_idx" ON "assessments" USING btree ("system_id","assessed_on");
--> statement-breakpoint
CREATE INDEX "assessments_agency_idx" ON "assessments" USING btree ("agency_id");
--> statement-breakpoint
CREATE INDEX "inspection_rounds_starts_idx" ON "inspection_rounds" USING btree ("starts_on");
--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_agencies_round_agency_idx" ON "inspection_agencies" USING btree ("round_id","agency_id");
--> statement-breakpoint
CREATE INDEX "inspection_agencies_agency_idx" ON "inspection_agencies" USING btree ("agency_id");
--> statement-breakpoint
CREATE INDEX "inspection_tasks_round_idx" ON "inspection_tasks" USING btree ("round_id");
--> statement-breakpoint
CREATE INDEX "inspection_tasks_agency_idx" ON "inspection_tasks" USING btree ("agency_id","status");
