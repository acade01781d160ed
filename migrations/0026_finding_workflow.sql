ALTER TABLE "findings" ADD COLUMN "assignee_user_id" integer;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "approved_by_user_id" integer;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "exception_expires_on" date;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "status_changed_by" integer;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_status_changed_by_users_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "findings_assignee_idx" ON "findings" USING btree ("assignee_user_id");--> statement-breakpoint
-- Findings a later scan closed are fixed (closed by that scan) in the workflow's states.
UPDATE "findings" SET "status" = 'fixed' WHERE "status" = 'closed';
