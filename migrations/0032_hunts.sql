CREATE TABLE "hunt_systems" (
	"hunt_id" integer NOT NULL,
	"system_id" integer NOT NULL,
	CONSTRAINT "hunt_systems_hunt_id_system_id_pk" PRIMARY KEY("hunt_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "hunts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hunts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"title" text NOT NULL,
	"hypothesis" text NOT NULL,
	"scope" text,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"techniques" text[] DEFAULT '{}'::text[] NOT NULL,
	"attack_techniques" text[] DEFAULT '{}'::text[] NOT NULL,
	"hunter_kind" text NOT NULL,
	"provider_agency_id" integer,
	"hunters" text,
	"status" text NOT NULL,
	"result" text,
	"result_summary" text,
	"incident_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hunts_period" CHECK ("hunts"."period_to" >= "hunts"."period_from")
);
--> statement-breakpoint
ALTER TABLE "hunt_systems" ADD CONSTRAINT "hunt_systems_hunt_id_hunts_id_fk" FOREIGN KEY ("hunt_id") REFERENCES "public"."hunts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hunt_systems" ADD CONSTRAINT "hunt_systems_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hunts" ADD CONSTRAINT "hunts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hunts" ADD CONSTRAINT "hunts_provider_agency_id_agencies_id_fk" FOREIGN KEY ("provider_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hunts" ADD CONSTRAINT "hunts_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hunts" ADD CONSTRAINT "hunts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hunt_systems_system_idx" ON "hunt_systems" USING btree ("system_id");--> statement-breakpoint
CREATE INDEX "hunts_agency_idx" ON "hunts" USING btree ("agency_id","period_to");--> statement-breakpoint
CREATE UNIQUE INDEX "hunts_incident_idx" ON "hunts" USING btree ("incident_id");