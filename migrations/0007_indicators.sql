CREATE TABLE "agency_indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"agency_id" integer NOT NULL REFERENCES "agencies"("id"),
	"period" text NOT NULL,
	"servers" integer DEFAULT 0 NOT NULL,
	"workstations" integer DEFAULT 0 NOT NULL,
	"protected_endpoints" integer DEFAULT 0 NOT NULL,
	"antimalware_product" text,
	"antimalware_console" text,
	"endpoints_source" text DEFAULT 'manual' NOT NULL,
	"staff_total" integer DEFAULT 0 NOT NULL,
	"staff_trained" integer DEFAULT 0 NOT NULL,
	"training_sessions" integer DEFAULT 0 NOT NULL,
	"layer_onsite" boolean DEFAULT false NOT NULL,
	"layer_onsite_team" text,
	"layer_monitoring" boolean DEFAULT false NOT NULL,
	"layer_monitoring_provider_id" integer REFERENCES "agencies"("id"),
	"layer_assessor" boolean DEFAULT false NOT NULL,
	"layer_assessor_id" integer REFERENCES "agencies"("id"),
	"layer_national" boolean DEFAULT false NOT NULL,
	"layer_national_connected_on" date,
	"clean_cyberspace" boolean DEFAULT false NOT NULL,
	"pdp_self_assessment" boolean DEFAULT false NOT NULL,
	"note" text,
	"updated_by" integer REFERENCES "users"("id"),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_indicators_agency_period" UNIQUE("agency_id", "period"),
	CONSTRAINT "agency_indicators_period_format" CHECK ("period" ~ '^\d{4}-Q[1-4]$'),
	CONSTRAINT "agency_indicators_counts" CHECK ("servers" >= 0 AND "workstations" >= 0 AND "protected_endpoints" >= 0 AND "staff_total" >= 0 AND "staff_trained" >= 0 AND "training_sessions" >= 0)
);
--> statement-breakpoint
CREATE TABLE "it_budgets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"agency_id" integer NOT NULL REFERENCES "agencies"("id"),
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'project' NOT NULL,
	"total_amount" bigint NOT NULL,
	"security_amount" bigint NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "it_budgets_amounts" CHECK ("total_amount" > 0 AND "security_amount" >= 0 AND "security_amount" <= "total_amount")
);
--> statement-breakpoint
CREATE INDEX "it_budgets_agency_year_idx" ON "it_budgets" ("agency_id", "year");
--> statement-breakpoint
CREATE TABLE "endpoints" (
	"agency_id" integer NOT NULL REFERENCES "agencies"("id"),
	"hostname" text NOT NULL,
	"os" text,
	"agent_version" text,
	"last_seen_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("agency_id", "hostname")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"agency_id" integer NOT NULL REFERENCES "agencies"("id"),
	"name" text NOT NULL,
	"token_hash" text NOT NULL UNIQUE,
	"created_by" integer REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
