CREATE TABLE "soc_connections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "soc_connections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"connected_on" date NOT NULL,
	"scope" text NOT NULL,
	"disconnected_on" date,
	"note" text,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soc_connections_agency_key" UNIQUE("agency_id"),
	CONSTRAINT "soc_connections_dates" CHECK ("soc_connections"."disconnected_on" is null or "soc_connections"."disconnected_on" >= "soc_connections"."connected_on")
);
--> statement-breakpoint
ALTER TABLE "soc_connections" ADD CONSTRAINT "soc_connections_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "soc_connections" ADD CONSTRAINT "soc_connections_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;