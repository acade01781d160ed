-- Migration 0007 was written by hand and left PostgreSQL to name its foreign keys ("…_fkey"); the schema declares
-- them with drizzle's names ("…_<table>_id_fk"). Renamed so that later generated migrations find them.
ALTER TABLE "agency_indicators" RENAME CONSTRAINT "agency_indicators_agency_id_fkey" TO "agency_indicators_agency_id_agencies_id_fk";--> statement-breakpoint
ALTER TABLE "agency_indicators" RENAME CONSTRAINT "agency_indicators_layer_monitoring_provider_id_fkey" TO "agency_indicators_layer_monitoring_provider_id_agencies_id_fk";--> statement-breakpoint
ALTER TABLE "agency_indicators" RENAME CONSTRAINT "agency_indicators_layer_assessor_id_fkey" TO "agency_indicators_layer_assessor_id_agencies_id_fk";--> statement-breakpoint
ALTER TABLE "agency_indicators" RENAME CONSTRAINT "agency_indicators_updated_by_fkey" TO "agency_indicators_updated_by_users_id_fk";--> statement-breakpoint
ALTER TABLE "it_budgets" RENAME CONSTRAINT "it_budgets_agency_id_fkey" TO "it_budgets_agency_id_agencies_id_fk";--> statement-breakpoint
ALTER TABLE "api_tokens" RENAME CONSTRAINT "api_tokens_agency_id_fkey" TO "api_tokens_agency_id_agencies_id_fk";--> statement-breakpoint
ALTER TABLE "api_tokens" RENAME CONSTRAINT "api_tokens_created_by_fkey" TO "api_tokens_created_by_users_id_fk";--> statement-breakpoint
ALTER TABLE "endpoints" RENAME CONSTRAINT "endpoints_agency_id_fkey" TO "endpoints_agency_id_agencies_id_fk";
