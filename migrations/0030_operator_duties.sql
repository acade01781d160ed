CREATE TABLE "operator_customer_warnings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "operator_customer_warnings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"issued_on" date NOT NULL,
	"subject" text NOT NULL,
	"customers_reached" integer NOT NULL,
	"authority_warning" text,
	"created_by" integer,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operator_customer_warnings_reached" CHECK ("operator_customer_warnings"."customers_reached" >= 0)
);
--> statement-breakpoint
CREATE TABLE "operator_incident_shares" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "operator_incident_shares_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"shared_on" date NOT NULL,
	"recipient" text NOT NULL,
	"recipient_name" text NOT NULL,
	"incident_ref" text,
	"description" text NOT NULL,
	"created_by" integer,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "operator_customer_warnings" ADD CONSTRAINT "operator_customer_warnings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_customer_warnings" ADD CONSTRAINT "operator_customer_warnings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_incident_shares" ADD CONSTRAINT "operator_incident_shares_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_incident_shares" ADD CONSTRAINT "operator_incident_shares_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "operator_customer_warnings_agency_idx" ON "operator_customer_warnings" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "operator_incident_shares_agency_idx" ON "operator_incident_shares" USING btree ("agency_id");