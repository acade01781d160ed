CREATE TABLE "known_exploited_cves" (
	"cve_id" text PRIMARY KEY NOT NULL,
	"vendor_project" text,
	"product" text,
	"name" text,
	"date_added" date NOT NULL,
	"due_date" date,
	"known_ransomware" boolean DEFAULT false NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warnings" ADD COLUMN "feed" text;--> statement-breakpoint
ALTER TABLE "warnings" ADD COLUMN "feed_id" text;--> statement-breakpoint
ALTER TABLE "warnings" ADD COLUMN "fetched_at" timestamp with time zone;