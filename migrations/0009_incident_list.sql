-- The incident list takes an agency subtree's cases newest first from the index alone (no heap read per case).
DROP INDEX IF EXISTS "incidents_agency_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "incidents_agency_reported_idx" ON "incidents" ("agency_id", "reported_at" DESC, "id" DESC);
