CREATE TABLE "data_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- A grant DTO is built from these tables; 'grant_dto' moves once per transaction that changes any of them.
INSERT INTO "data_versions" ("name", "version") VALUES ('grant_dto', 0);
--> statement-breakpoint
-- Deferred row triggers run at commit, so the counter row is locked only while the transaction commits,
-- never while it waits for another lock (no deadlock with the plan row locks); the transaction-local
-- setting makes it one update per transaction however many rows changed.
CREATE OR REPLACE FUNCTION bump_grant_dto_version() RETURNS trigger AS $$
BEGIN
  IF current_setting('vd.grant_dto_bumped', true) IS DISTINCT FROM 'yes' THEN
    UPDATE data_versions SET version = version + 1 WHERE name = 'grant_dto';
    PERFORM set_config('vd.grant_dto_bumped', 'yes', true);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- TRUNCATE has no row triggers: it moves the counter at once.
CREATE OR REPLACE FUNCTION bump_grant_dto_version_now() RETURNS trigger AS $$
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'grant_dto';
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER grants_grant_dto_version AFTER INSERT OR UPDATE OR DELETE ON "grants" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_grant_dto_version();
--> statement-breakpoint
CREATE TRIGGER grants_grant_dto_version_truncate AFTER TRUNCATE ON "grants" FOR EACH STATEMENT EXECUTE FUNCTION bump_grant_dto_version_now();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER tranches_grant_dto_version AFTER INSERT OR UPDATE OR DELETE ON "tranches" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_grant_dto_version();
--> statement-breakpoint
CREATE TRIGGER tranches_grant_dto_version_truncate AFTER TRUNCATE ON "tranches" FOR EACH STATEMENT EXECUTE FUNCTION bump_grant_dto_version_now();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER appraisal_results_grant_dto_version AFTER INSERT OR UPDATE OR DELETE ON "appraisal_results" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_grant_dto_version();
--> statement-breakpoint
CREATE TRIGGER appraisal_results_grant_dto_version_truncate AFTER TRUNCATE ON "appraisal_results" FOR EACH STATEMENT EXECUTE FUNCTION bump_grant_dto_version_now();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER company_appraisals_grant_dto_version AFTER INSERT OR UPDATE OR DELETE ON "company_appraisals" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_grant_dto_version();
--> statement-breakpoint
CREATE TRIGGER company_appraisals_grant_dto_version_truncate AFTER TRUNCATE ON "company_appraisals" FOR EACH STATEMENT EXECUTE FUNCTION bump_grant_dto_version_now();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER adjustment_records_grant_dto_version AFTER INSERT OR UPDATE OR DELETE ON "adjustment_records" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_grant_dto_version();
--> statement-breakpoint
CREATE TRIGGER adjustment_records_grant_dto_version_truncate AFTER TRUNCATE ON "adjustment_records" FOR EACH STATEMENT EXECUTE FUNCTION bump_grant_dto_version_now();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER corporate_actions_grant_dto_version AFTER INSERT OR UPDATE OR DELETE ON "corporate_actions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_grant_dto_version();
--> statement-breakpoint
CREATE TRIGGER corporate_actions_grant_dto_version_truncate AFTER TRUNCATE ON "corporate_actions" FOR EACH STATEMENT EXECUTE FUNCTION bump_grant_dto_version_now();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER grant_batches_grant_dto_version AFTER INSERT OR UPDATE OR DELETE ON "grant_batches" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_grant_dto_version();
--> statement-breakpoint
CREATE TRIGGER grant_batches_grant_dto_version_truncate AFTER TRUNCATE ON "grant_batches" FOR EACH STATEMENT EXECUTE FUNCTION bump_grant_dto_version_now();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER plans_grant_dto_version AFTER INSERT OR UPDATE OR DELETE ON "plans" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_grant_dto_version();
--> statement-breakpoint
CREATE TRIGGER plans_grant_dto_version_truncate AFTER TRUNCATE ON "plans" FOR EACH STATEMENT EXECUTE FUNCTION bump_grant_dto_version_now();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER persons_grant_dto_version AFTER INSERT OR UPDATE OR DELETE ON "persons" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_grant_dto_version();
--> statement-breakpoint
CREATE TRIGGER persons_grant_dto_version_truncate AFTER TRUNCATE ON "persons" FOR EACH STATEMENT EXECUTE FUNCTION bump_grant_dto_version_now();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER participant_categories_grant_dto_version AFTER INSERT OR UPDATE OR DELETE ON "participant_categories" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_grant_dto_version();
--> statement-breakpoint
CREATE TRIGGER participant_categories_grant_dto_version_truncate AFTER TRUNCATE ON "participant_categories" FOR EACH STATEMENT EXECUTE FUNCTION bump_grant_dto_version_now();
