CREATE TABLE "files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"name" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_links" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "system_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"system_id" integer NOT NULL,
	"target_system_id" integer,
	"target_name" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "system_software" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "system_software_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"system_id" integer NOT NULL,
	"vendor" text,
	"product" text NOT NULL,
	"version" text,
	"cpe" text
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "systems_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"operator_agency_id" integer,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"purpose" text,
	"status" text DEFAULT 'in_operation' NOT NULL,
	"go_live_on" date,
	"hosting" text DEFAULT 'agency_premises' NOT NULL,
	"cloud_provider" text,
	"serves_internal" boolean DEFAULT true NOT NULL,
	"serves_other_agencies" boolean DEFAULT false NOT NULL,
	"serves_public" boolean DEFAULT false NOT NULL,
	"internal_users" integer,
	"public_users" integer,
	"data_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"online_public_service" text DEFAULT 'none' NOT NULL,
	"classification" jsonb,
	"computed_level" integer,
	"proposed_level" integer,
	"level_justification" text,
	"approved_level" integer,
	"approved_on" date,
	"approval_decision" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "systems_code_unique" UNIQUE("code"),
	CONSTRAINT "systems_levels_check" CHECK (coalesce("systems"."computed_level", 1) between 1 and 5 and coalesce("systems"."proposed_level", 1) between 1 and 5 and coalesce("systems"."approved_level", 1) between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "approval_rules" (
	"level" integer PRIMARY KEY NOT NULL,
	"appraiser_kind" text NOT NULL,
	"appraiser_designation" text,
	"appraiser_name_vi" text NOT NULL,
	"appraiser_name_en" text NOT NULL,
	"approver_kind" text NOT NULL,
	"approver_name_vi" text NOT NULL,
	"approver_name_en" text NOT NULL,
	"reference" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dossier_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dossier_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_user_id" integer,
	"actor_name" text,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dossiers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"system_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"computed_level" integer NOT NULL,
	"proposed_level" integer NOT NULL,
	"justification" text,
	"classification" jsonb NOT NULL,
	"description" text,
	"security_plan" text,
	"appraisal_opinion" text,
	"decision_number" text,
	"decision_date" date,
	"decision_authority" text,
	"decision_file_id" integer,
	"submissions" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirements" (
	"id" text PRIMARY KEY NOT NULL,
	"group" text NOT NULL,
	"area" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text NOT NULL,
	"description_vi" text NOT NULL,
	"levels" integer[] NOT NULL,
	"reference" text NOT NULL,
	"sort" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_requirements" (
	"system_id" integer NOT NULL,
	"requirement_id" text NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"reason" text,
	"owner_user_id" integer,
	"due_on" date,
	"last_verified_on" date,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_requirements_system_id_requirement_id_pk" PRIMARY KEY("system_id","requirement_id")
);
--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_links" ADD CONSTRAINT "system_links_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_links" ADD CONSTRAINT "system_links_target_system_id_systems_id_fk" FOREIGN KEY ("target_system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_software" ADD CONSTRAINT "system_software_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_operator_agency_id_agencies_id_fk" FOREIGN KEY ("operator_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_decision_file_id_files_id_fk" FOREIGN KEY ("decision_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_requirements" ADD CONSTRAINT "system_requirements_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_requirements" ADD CONSTRAINT "system_requirements_requirement_id_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."requirements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_requirements" ADD CONSTRAINT "system_requirements_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_entity_idx" ON "files" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "system_links_system_idx" ON "system_links" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "system_software_system_idx" ON "system_software" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "systems_agency_idx" ON "systems" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "dossier_events_dossier_idx" ON "dossier_events" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossiers_system_idx" ON "dossiers" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "dossiers_state_idx" ON "dossiers" USING btree ("state");--> statement-breakpoint
CREATE INDEX "system_requirements_req_idx" ON "system_requirements" USING btree ("requirement_id");