-- Dossier contents, appraisal record, level-5 list and time limits (Decree 85/2016 Arts. 12, 14-17). The approval
-- rows an installation still holds as first seeded are brought to the new defaults of data/approval-matrix.json;
-- rows a platform admin changed keep the change. Every level now names the unit that acts for it.
CREATE TABLE "dossier_documents" (
	"file_id" integer PRIMARY KEY NOT NULL,
	"dossier_id" integer NOT NULL,
	"part" text NOT NULL
);
--> statement-breakpoint
UPDATE "approval_rules" SET "appraiser_designation" = 'security_unit' WHERE "appraiser_designation" IS NULL;--> statement-breakpoint
ALTER TABLE "approval_rules" ALTER COLUMN "appraiser_designation" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "approval_rules" ADD COLUMN "opinion_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "approval_rules" ADD COLUMN "list_approver_name_vi" text;--> statement-breakpoint
ALTER TABLE "approval_rules" ADD COLUMN "list_approver_name_en" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "opinion" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "opinion_file_id" integer;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "appraisal_agreed" boolean;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "appraisal_number" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "appraisal_date" date;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "appraisal_file_id" integer;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "list_decision_number" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "list_decision_date" date;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "list_decision_file_id" integer;--> statement-breakpoint
ALTER TABLE "dossier_documents" ADD CONSTRAINT "dossier_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_documents" ADD CONSTRAINT "dossier_documents_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_documents_dossier_idx" ON "dossier_documents" USING btree ("dossier_id");--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_opinion_file_id_files_id_fk" FOREIGN KEY ("opinion_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_appraisal_file_id_files_id_fk" FOREIGN KEY ("appraisal_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_list_decision_file_id_files_id_fk" FOREIGN KEY ("list_decision_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "approval_rules" SET "opinion_required" = true WHERE "level" IN (4, 5);--> statement-breakpoint
UPDATE "approval_rules" SET "approver_kind" = 'internal',
  "approver_name_vi" = 'Đơn vị chuyên trách về an toàn thông tin của chủ quản (gửi báo cáo chủ quản hệ thống thông tin)',
  "approver_name_en" = 'The owner''s specialized security unit (reporting to the owner)'
  WHERE "level" IN (1, 2) AND "approver_kind" = 'owner' AND "approver_name_vi" = 'Chủ quản hệ thống thông tin';--> statement-breakpoint
UPDATE "approval_rules" SET "approver_kind" = 'owner',
  "approver_name_vi" = 'Chủ quản hệ thống thông tin (phê duyệt phương án bảo đảm an toàn thông tin)',
  "approver_name_en" = 'The system owner (approves the security plan)',
  "list_approver_name_vi" = 'Thủ tướng Chính phủ (phê duyệt Danh mục hệ thống thông tin cấp độ 5)',
  "list_approver_name_en" = 'The Prime Minister (approves the list of level-5 systems)'
  WHERE "level" = 5 AND "approver_kind" = 'external' AND "approver_name_vi" = 'Thủ tướng Chính phủ';--> statement-breakpoint
UPDATE "approval_rules" SET "reference" = CASE "level"
    WHEN 1 THEN 'Khoản 1 Điều 12 Nghị định số 85/2016/NĐ-CP; Điểm a khoản 3 Điều 14 Nghị định số 85/2016/NĐ-CP'
    WHEN 2 THEN 'Khoản 1 Điều 12 Nghị định số 85/2016/NĐ-CP; Điểm a khoản 3 Điều 14 Nghị định số 85/2016/NĐ-CP'
    WHEN 3 THEN 'Khoản 2 Điều 12 Nghị định số 85/2016/NĐ-CP; Điểm b khoản 3 Điều 14 Nghị định số 85/2016/NĐ-CP'
    WHEN 4 THEN 'Điểm a khoản 3 Điều 12 Nghị định số 85/2016/NĐ-CP; Điểm d khoản 3 Điều 12 Nghị định số 85/2016/NĐ-CP; Điểm d khoản 1 Điều 14 Nghị định số 85/2016/NĐ-CP'
    ELSE 'Điểm a khoản 3 Điều 12 Nghị định số 85/2016/NĐ-CP; Điểm d khoản 3 Điều 12 Nghị định số 85/2016/NĐ-CP; Điểm đ khoản 3 Điều 12 Nghị định số 85/2016/NĐ-CP; Điểm c khoản 3 Điều 14 Nghị định số 85/2016/NĐ-CP'
  END
  WHERE "reference" = 'Khoản ' || CASE WHEN "level" <= 2 THEN 1 WHEN "level" = 3 THEN 2 WHEN "level" = 4 THEN 3 ELSE 4 END || ' Điều 12 Nghị định 85/2016/NĐ-CP';
