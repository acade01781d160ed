-- System lists take a page of ids in (agency name, system name) order from this index alone, then read only the
-- page's rows. It leads with agency_id, so it also serves what systems_agency_idx did.
CREATE INDEX IF NOT EXISTS "systems_list_idx" ON "systems" ("agency_id", "name", "id") INCLUDE ("status", "approved_level", "proposed_level");
--> statement-breakpoint
DROP INDEX IF EXISTS "systems_agency_idx";
--> statement-breakpoint
-- Lists filter by the effective level (approved, else proposed): without statistics on it the planner guesses 0.5%
-- of rows and picks a nested loop over tens of thousands.
CREATE STATISTICS IF NOT EXISTS "systems_level_stats" ON (coalesce("approved_level", "proposed_level")) FROM "systems";
--> statement-breakpoint
ANALYZE "systems";
