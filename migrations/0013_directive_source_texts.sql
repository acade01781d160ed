ALTER TABLE "directive_tasks" ADD COLUMN "assignees_text" text;--> statement-breakpoint
ALTER TABLE "directives" ADD COLUMN "issued_precision" text DEFAULT 'day' NOT NULL;--> statement-breakpoint
ALTER TABLE "directives" ADD COLUMN "signer_title" text;--> statement-breakpoint
ALTER TABLE "directives" ADD COLUMN "signer_name" text;--> statement-breakpoint
ALTER TABLE "directives" ADD COLUMN "model_of" text;--> statement-breakpoint
ALTER TABLE "directives" ADD COLUMN "source_text" text;