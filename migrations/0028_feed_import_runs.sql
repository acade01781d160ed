CREATE TABLE "feed_import_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feed_import_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"location" text NOT NULL,
	"sha256" text,
	"size" integer,
	"outcome" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"result" jsonb,
	"acted_as" integer,
	"triggered_by" integer
);
--> statement-breakpoint
ALTER TABLE "feed_import_runs" ADD CONSTRAINT "feed_import_runs_acted_as_users_id_fk" FOREIGN KEY ("acted_as") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_import_runs" ADD CONSTRAINT "feed_import_runs_triggered_by_users_id_fk" FOREIGN KEY ("triggered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feed_import_runs_sha256_idx" ON "feed_import_runs" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "feed_import_runs_started_idx" ON "feed_import_runs" USING btree ("started_at");