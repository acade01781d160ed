CREATE TABLE "contribution_calls" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contribution_calls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"contributions_due_on" date NOT NULL,
	"report_due_on" date NOT NULL,
	"agency_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"opened_by" integer,
	"opened_by_name" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_name" text,
	CONSTRAINT "contribution_calls_year_unique" UNIQUE("year")
);
--> statement-breakpoint
CREATE TABLE "contributions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contributions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"call_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"results" text,
	"difficulties" text,
	"proposals" text,
	"figures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_name" text,
	"revised_at" timestamp with time zone,
	"revisions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "contributions_call_agency_key" UNIQUE("call_id","agency_id")
);
--> statement-breakpoint
ALTER TABLE "directives" ADD COLUMN "instrument" text;--> statement-breakpoint
ALTER TABLE "contribution_calls" ADD CONSTRAINT "contribution_calls_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_call_id_contribution_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."contribution_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contributions_agency_idx" ON "contributions" USING btree ("agency_id");