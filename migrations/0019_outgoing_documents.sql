CREATE TABLE "outgoing_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outgoing_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"symbol" text NOT NULL,
	"document_type" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" integer NOT NULL,
	"subject" text NOT NULL,
	"status" text DEFAULT 'reserved' NOT NULL,
	"signer" jsonb,
	"issued_on" date,
	"issued_frame" jsonb,
	"created_by" integer,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "doc_abbreviation" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "doc_place" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "doc_governing_body" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "doc_drafting_unit" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "doc_signers" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outgoing_documents_number_uq" ON "outgoing_documents" USING btree ("agency_id","year","number");--> statement-breakpoint
CREATE UNIQUE INDEX "outgoing_documents_subject_uq" ON "outgoing_documents" USING btree ("subject_kind","subject_id","agency_id");--> statement-breakpoint
CREATE INDEX "outgoing_documents_agency_idx" ON "outgoing_documents" USING btree ("agency_id","year");--> statement-breakpoint
-- Documents printed the parent agency above the issuer's name; keep that header where it is the usual one, and
-- print none above the police and the military, whose governing bodies are ministries (the agency sets them).
UPDATE "agencies" a SET "doc_governing_body" = p."name"
FROM "agencies" p
WHERE p."id" = a."parent_id" AND a."kind" NOT IN ('police', 'military');
