CREATE TABLE "signature_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "signature_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" integer NOT NULL,
	"subject" text NOT NULL,
	"holder_name" text NOT NULL,
	"holder_position" text,
	"serial" text NOT NULL,
	"issuer" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"revoked_on" date,
	"revocation_reason" text,
	"lost_on" date,
	"loss_circumstances" text,
	"loss_reported_on" date,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signature_tokens_issuer_serial" UNIQUE("issuer","serial"),
	CONSTRAINT "signature_tokens_validity" CHECK ("signature_tokens"."valid_to" >= "signature_tokens"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "signature_tokens" ADD CONSTRAINT "signature_tokens_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_tokens" ADD CONSTRAINT "signature_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signature_tokens_agency_idx" ON "signature_tokens" USING btree ("agency_id");