-- 0004_incidents: written by hand to match src/server/modules/incidents/schema.ts (see ARCHITECTURE.md).
CREATE TABLE "incident_report_rules" (
	"severity_class" text PRIMARY KEY NOT NULL,
	"report_within_hours" integer NOT NULL,
	"late_after_hours" integer NOT NULL,
	"reference" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incidents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text DEFAULT 'agency' NOT NULL,
	"agency_id" integer,
	"managing_agency_id" integer,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"serious" boolean DEFAULT false NOT NULL,
	"tlp" text DEFAULT 'amber' NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"description" text NOT NULL,
	"current_impact" text,
	"actions_taken" text,
	"support_requested" text,
	"reporter_user_id" integer,
	"reporter_name" text NOT NULL,
	"reporter_position" text,
	"reporter_phone" text,
	"reporter_email" text,
	"hotline_organization" text,
	"intake_fingerprint" text,
	"for_national_coordinator" boolean DEFAULT true NOT NULL,
	"national_shared_at" timestamp with time zone,
	"lead_user_id" integer,
	"triaged_at" timestamp with time zone,
	"triaged_by" integer,
	"reject_reason" text,
	"merged_into_id" integer,
	"contained_at" timestamp with time zone,
	"recovered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"comms_spokesperson" text,
	"comms_decision" text,
	"comms_decided_at" timestamp with time zone,
	"comms_decided_by" integer,
	"closing_damage" text,
	"closing_root_cause" text,
	"closing_origin" text,
	"closing_actions" text,
	"closing_lessons" text,
	"closing_report_at" timestamp with time zone,
	"stix_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_systems" (
	"incident_id" integer NOT NULL,
	"system_id" integer NOT NULL,
	CONSTRAINT "incident_systems_incident_id_system_id_pk" PRIMARY KEY("incident_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "incident_agencies" (
	"incident_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	CONSTRAINT "incident_agencies_incident_id_agency_id_pk" PRIMARY KEY("incident_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "incident_links" (
	"incident_id" integer NOT NULL,
	"related_id" integer NOT NULL,
	CONSTRAINT "incident_links_incident_id_related_id_pk" PRIMARY KEY("incident_id","related_id")
);
--> statement-breakpoint
CREATE TABLE "incident_responders" (
	"incident_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "incident_responders_incident_id_user_id_pk" PRIMARY KEY("incident_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "incident_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incident_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"incident_id" integer NOT NULL,
	"title" text NOT NULL,
	"assignee_user_id" integer,
	"due_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incident_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"incident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"message" text,
	"detail" jsonb,
	"actor_user_id" integer,
	"actor_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_observables" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incident_observables_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"incident_id" integer NOT NULL,
	"type" text NOT NULL,
	"form" text NOT NULL,
	"value" text NOT NULL,
	"tlp" text DEFAULT 'amber' NOT NULL,
	"description" text,
	"stix_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_observables_value_unique" UNIQUE("incident_id","type","value")
);
--> statement-breakpoint
CREATE TABLE "response_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "response_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"system_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"scenario" text,
	"version" text NOT NULL,
	"issued_on" date NOT NULL,
	"next_review_on" date,
	"file_id" integer,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_exercises" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "response_exercises_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"kind" text NOT NULL,
	"scenario" text NOT NULL,
	"participants" text NOT NULL,
	"outcome" text NOT NULL,
	"findings" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_exercise_systems" (
	"exercise_id" integer NOT NULL,
	"system_id" integer NOT NULL,
	CONSTRAINT "response_exercise_systems_exercise_id_system_id_pk" PRIMARY KEY("exercise_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "response_team_members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "response_team_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"full_name" text NOT NULL,
	"agency_id" integer,
	"employment" text NOT NULL,
	"position" text,
	"phone" text,
	"email" text,
	"expertise" text,
	"user_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"joined_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_team_certificates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "response_team_certificates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"name" text NOT NULL,
	"issuer" text,
	"issued_on" date,
	"expires_on" date
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_managing_agency_id_agencies_id_fk" FOREIGN KEY ("managing_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_triaged_by_users_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_merged_into_id_incidents_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_comms_decided_by_users_id_fk" FOREIGN KEY ("comms_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_systems" ADD CONSTRAINT "incident_systems_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_systems" ADD CONSTRAINT "incident_systems_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_agencies" ADD CONSTRAINT "incident_agencies_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_agencies" ADD CONSTRAINT "incident_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_links" ADD CONSTRAINT "incident_links_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_links" ADD CONSTRAINT "incident_links_related_id_incidents_id_fk" FOREIGN KEY ("related_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_responders" ADD CONSTRAINT "incident_responders_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_responders" ADD CONSTRAINT "incident_responders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD CONSTRAINT "incident_tasks_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD CONSTRAINT "incident_tasks_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD CONSTRAINT "incident_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_observables" ADD CONSTRAINT "incident_observables_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_observables" ADD CONSTRAINT "incident_observables_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_plans" ADD CONSTRAINT "response_plans_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_plans" ADD CONSTRAINT "response_plans_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_plans" ADD CONSTRAINT "response_plans_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_plans" ADD CONSTRAINT "response_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_exercises" ADD CONSTRAINT "response_exercises_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_exercises" ADD CONSTRAINT "response_exercises_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_exercise_systems" ADD CONSTRAINT "response_exercise_systems_exercise_id_response_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."response_exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_exercise_systems" ADD CONSTRAINT "response_exercise_systems_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_team_members" ADD CONSTRAINT "response_team_members_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_team_members" ADD CONSTRAINT "response_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_team_certificates" ADD CONSTRAINT "response_team_certificates_member_id_response_team_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."response_team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incidents_agency_idx" ON "incidents" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "incidents_status_idx" ON "incidents" USING btree ("status");--> statement-breakpoint
CREATE INDEX "incidents_detected_idx" ON "incidents" USING btree ("detected_at");--> statement-breakpoint
CREATE INDEX "incidents_fingerprint_idx" ON "incidents" USING btree ("intake_fingerprint");--> statement-breakpoint
CREATE INDEX "incident_systems_system_idx" ON "incident_systems" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "incident_agencies_agency_idx" ON "incident_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "incident_links_related_idx" ON "incident_links" USING btree ("related_id");--> statement-breakpoint
CREATE INDEX "incident_tasks_incident_idx" ON "incident_tasks" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incident_tasks_assignee_idx" ON "incident_tasks" USING btree ("assignee_user_id");--> statement-breakpoint
CREATE INDEX "incident_events_incident_idx" ON "incident_events" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incident_observables_value_idx" ON "incident_observables" USING btree ("value");--> statement-breakpoint
CREATE INDEX "response_plans_system_idx" ON "response_plans" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "response_plans_agency_idx" ON "response_plans" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "response_exercises_agency_idx" ON "response_exercises" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "response_exercises_held_idx" ON "response_exercises" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "response_exercise_systems_system_idx" ON "response_exercise_systems" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "response_team_certificates_member_idx" ON "response_team_certificates" USING btree ("member_id");
