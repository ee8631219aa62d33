-- The company-wide counter gave way to the per-person one (0013): its triggers, functions and table go.
DROP TRIGGER IF EXISTS grants_grant_dto_version ON "grants";
--> statement-breakpoint
DROP TRIGGER IF EXISTS grants_grant_dto_version_truncate ON "grants";
--> statement-breakpoint
DROP TRIGGER IF EXISTS persons_grant_dto_version ON "persons";
--> statement-breakpoint
DROP TRIGGER IF EXISTS persons_grant_dto_version_truncate ON "persons";
--> statement-breakpoint
DROP TRIGGER IF EXISTS tranches_grant_dto_version ON "tranches";
--> statement-breakpoint
DROP TRIGGER IF EXISTS tranches_grant_dto_version_truncate ON "tranches";
--> statement-breakpoint
DROP TRIGGER IF EXISTS appraisal_results_grant_dto_version ON "appraisal_results";
--> statement-breakpoint
DROP TRIGGER IF EXISTS appraisal_results_grant_dto_version_truncate ON "appraisal_results";
--> statement-breakpoint
DROP TRIGGER IF EXISTS adjustment_records_grant_dto_version ON "adjustment_records";
--> statement-breakpoint
DROP TRIGGER IF EXISTS adjustment_records_grant_dto_version_truncate ON "adjustment_records";
--> statement-breakpoint
DROP TRIGGER IF EXISTS grant_batches_grant_dto_version ON "grant_batches";
--> statement-breakpoint
DROP TRIGGER IF EXISTS grant_batches_grant_dto_version_truncate ON "grant_batches";
--> statement-breakpoint
DROP TRIGGER IF EXISTS plans_grant_dto_version ON "plans";
--> statement-breakpoint
DROP TRIGGER IF EXISTS plans_grant_dto_version_truncate ON "plans";
--> statement-breakpoint
DROP TRIGGER IF EXISTS participant_categories_grant_dto_version ON "participant_categories";
--> statement-breakpoint
DROP TRIGGER IF EXISTS participant_categories_grant_dto_version_truncate ON "participant_categories";
--> statement-breakpoint
DROP TRIGGER IF EXISTS company_appraisals_grant_dto_version ON "company_appraisals";
--> statement-breakpoint
DROP TRIGGER IF EXISTS company_appraisals_grant_dto_version_truncate ON "company_appraisals";
--> statement-breakpoint
DROP TRIGGER IF EXISTS corporate_actions_grant_dto_version ON "corporate_actions";
--> statement-breakpoint
DROP TRIGGER IF EXISTS corporate_actions_grant_dto_version_truncate ON "corporate_actions";
--> statement-breakpoint
DROP FUNCTION IF EXISTS bump_grant_dto_version();
--> statement-breakpoint
DROP FUNCTION IF EXISTS bump_grant_dto_version_now();
--> statement-breakpoint
DROP TABLE "data_versions" CASCADE;
