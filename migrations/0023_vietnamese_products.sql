ALTER TABLE "system_software" ADD COLUMN "vietnamese" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "system_software" ADD COLUMN "vietnamese_basis" text;--> statement-breakpoint
-- Entries already in inventories: the vendor table decides, as it does for an entry that does not say (vietnameseOf in
-- src/shared/systems/domestic.ts), here by the vendor's names as written, without case.
UPDATE "system_software" SET "vietnamese" = true WHERE lower(trim("vendor")) IN ('bkav', 'bkav corporation', 'công ty cổ phần bkav', 'tập đoàn công nghệ bkav', 'viettel', 'viettel group', 'tập đoàn công nghiệp - viễn thông quân đội', 'viettel cyber security', 'công ty an ninh mạng viettel', 'vnpt', 'tập đoàn bưu chính viễn thông việt nam', 'vnpt technology', 'vnpt-it', 'cmc', 'cmc corporation', 'tập đoàn công nghệ cmc', 'cmc cyber security', 'misa', 'misa jsc', 'công ty cổ phần misa');
