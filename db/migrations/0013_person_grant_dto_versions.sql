CREATE TABLE "grant_dto_flushes" (
	"txid" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_dto_touches" (
	"txid" bigint NOT NULL,
	"person_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_dto_versions" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "grant_dto_touches_txid_idx" ON "grant_dto_touches" USING btree ("txid");
--> statement-breakpoint
-- At commit (a deferred trigger on the transaction's one grant_dto_flushes row): every person the
-- transaction touched moves once, in person order, so that two committing writers take the counters'
-- row locks in the same order and cannot deadlock; during the transaction nothing is locked.
CREATE OR REPLACE FUNCTION flush_grant_dto_touches() RETURNS trigger AS $$
BEGIN
  PERFORM set_config('vd.grant_dto_pending', '', true);
  INSERT INTO grant_dto_versions (person_id, version)
    SELECT DISTINCT person_id, 1 FROM grant_dto_touches WHERE txid = txid_current() ORDER BY person_id
    ON CONFLICT (person_id) DO UPDATE SET version = grant_dto_versions.version + 1;
  DELETE FROM grant_dto_touches WHERE txid = txid_current();
  DELETE FROM grant_dto_flushes WHERE txid = txid_current();
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER grant_dto_flush AFTER INSERT ON "grant_dto_flushes" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION flush_grant_dto_touches();
--> statement-breakpoint
-- Called after a statement noted touches: schedules the commit-time flush once per transaction (the
-- transaction-local flag rolls back with a savepoint, as the flush row does).
CREATE OR REPLACE FUNCTION schedule_grant_dto_flush() RETURNS void AS $$
BEGIN
  IF current_setting('vd.grant_dto_pending', true) IS DISTINCT FROM 'yes' THEN
    INSERT INTO grant_dto_flushes (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    PERFORM set_config('vd.grant_dto_pending', 'yes', true);
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- TRUNCATE has no transition table: every counter moves at once.
CREATE OR REPLACE FUNCTION touch_every_grant_dto() RETURNS trigger AS $$
BEGIN
  UPDATE grant_dto_versions SET version = version + 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows inserted into or deleted from grants: note the persons whose grant DTOs they are part of.
CREATE OR REPLACE FUNCTION touch_grant_dto_grants() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT r.person_id AS person_id FROM changed_rows r) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows of grants updated: only those that changed, before and after.
CREATE OR REPLACE FUNCTION touch_grant_dto_grants_update() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  WITH changed_rows AS (
    SELECT after_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row)
    UNION ALL SELECT before_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row))
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT r.person_id AS person_id FROM changed_rows r) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER grants_grant_dto_insert AFTER INSERT ON "grants" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_grants();
--> statement-breakpoint
CREATE TRIGGER grants_grant_dto_update AFTER UPDATE ON "grants" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_grants_update();
--> statement-breakpoint
CREATE TRIGGER grants_grant_dto_delete AFTER DELETE ON "grants" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_grants();
--> statement-breakpoint
CREATE TRIGGER grants_grant_dto_truncate AFTER TRUNCATE ON "grants" FOR EACH STATEMENT EXECUTE FUNCTION touch_every_grant_dto();
--> statement-breakpoint
-- Rows inserted into or deleted from persons: note the persons whose grant DTOs they are part of.
CREATE OR REPLACE FUNCTION touch_grant_dto_persons() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT r.id AS person_id FROM changed_rows r) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows of persons updated: only those that changed what a DTO shows, before and after.
CREATE OR REPLACE FUNCTION touch_grant_dto_persons_update() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  WITH changed_rows AS (
    SELECT after_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE (after_row.employee_no, after_row.name) IS DISTINCT FROM (before_row.employee_no, before_row.name)
    UNION ALL SELECT before_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE (after_row.employee_no, after_row.name) IS DISTINCT FROM (before_row.employee_no, before_row.name))
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT r.id AS person_id FROM changed_rows r) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER persons_grant_dto_insert AFTER INSERT ON "persons" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_persons();
--> statement-breakpoint
CREATE TRIGGER persons_grant_dto_update AFTER UPDATE ON "persons" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_persons_update();
--> statement-breakpoint
CREATE TRIGGER persons_grant_dto_delete AFTER DELETE ON "persons" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_persons();
--> statement-breakpoint
CREATE TRIGGER persons_grant_dto_truncate AFTER TRUNCATE ON "persons" FOR EACH STATEMENT EXECUTE FUNCTION touch_every_grant_dto();
--> statement-breakpoint
-- Rows inserted into or deleted from tranches: note the persons whose grant DTOs they are part of.
CREATE OR REPLACE FUNCTION touch_grant_dto_tranches() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.id = r.grant_id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows of tranches updated: only those that changed, before and after.
CREATE OR REPLACE FUNCTION touch_grant_dto_tranches_update() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  WITH changed_rows AS (
    SELECT after_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row)
    UNION ALL SELECT before_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row))
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.id = r.grant_id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER tranches_grant_dto_insert AFTER INSERT ON "tranches" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_tranches();
--> statement-breakpoint
CREATE TRIGGER tranches_grant_dto_update AFTER UPDATE ON "tranches" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_tranches_update();
--> statement-breakpoint
CREATE TRIGGER tranches_grant_dto_delete AFTER DELETE ON "tranches" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_tranches();
--> statement-breakpoint
CREATE TRIGGER tranches_grant_dto_truncate AFTER TRUNCATE ON "tranches" FOR EACH STATEMENT EXECUTE FUNCTION touch_every_grant_dto();
--> statement-breakpoint
-- Rows inserted into or deleted from appraisal_results: note the persons whose grant DTOs they are part of.
CREATE OR REPLACE FUNCTION touch_grant_dto_appraisal_results() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.id = r.grant_id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows of appraisal_results updated: only those that changed, before and after.
CREATE OR REPLACE FUNCTION touch_grant_dto_appraisal_results_update() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  WITH changed_rows AS (
    SELECT after_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row)
    UNION ALL SELECT before_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row))
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.id = r.grant_id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER appraisal_results_grant_dto_insert AFTER INSERT ON "appraisal_results" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_appraisal_results();
--> statement-breakpoint
CREATE TRIGGER appraisal_results_grant_dto_update AFTER UPDATE ON "appraisal_results" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_appraisal_results_update();
--> statement-breakpoint
CREATE TRIGGER appraisal_results_grant_dto_delete AFTER DELETE ON "appraisal_results" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_appraisal_results();
--> statement-breakpoint
CREATE TRIGGER appraisal_results_grant_dto_truncate AFTER TRUNCATE ON "appraisal_results" FOR EACH STATEMENT EXECUTE FUNCTION touch_every_grant_dto();
--> statement-breakpoint
-- Rows inserted into or deleted from adjustment_records: note the persons whose grant DTOs they are part of.
CREATE OR REPLACE FUNCTION touch_grant_dto_adjustment_records() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.id = r.grant_id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows of adjustment_records updated: only those that changed, before and after.
CREATE OR REPLACE FUNCTION touch_grant_dto_adjustment_records_update() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  WITH changed_rows AS (
    SELECT after_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row)
    UNION ALL SELECT before_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row))
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.id = r.grant_id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER adjustment_records_grant_dto_insert AFTER INSERT ON "adjustment_records" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_adjustment_records();
--> statement-breakpoint
CREATE TRIGGER adjustment_records_grant_dto_update AFTER UPDATE ON "adjustment_records" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_adjustment_records_update();
--> statement-breakpoint
CREATE TRIGGER adjustment_records_grant_dto_delete AFTER DELETE ON "adjustment_records" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_adjustment_records();
--> statement-breakpoint
CREATE TRIGGER adjustment_records_grant_dto_truncate AFTER TRUNCATE ON "adjustment_records" FOR EACH STATEMENT EXECUTE FUNCTION touch_every_grant_dto();
--> statement-breakpoint
-- Rows inserted into or deleted from grant_batches: note the persons whose grant DTOs they are part of.
CREATE OR REPLACE FUNCTION touch_grant_dto_grant_batches() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.batch_id = r.id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows of grant_batches updated: only those that changed, before and after.
CREATE OR REPLACE FUNCTION touch_grant_dto_grant_batches_update() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  WITH changed_rows AS (
    SELECT after_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row)
    UNION ALL SELECT before_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row))
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.batch_id = r.id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER grant_batches_grant_dto_insert AFTER INSERT ON "grant_batches" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_grant_batches();
--> statement-breakpoint
CREATE TRIGGER grant_batches_grant_dto_update AFTER UPDATE ON "grant_batches" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_grant_batches_update();
--> statement-breakpoint
CREATE TRIGGER grant_batches_grant_dto_delete AFTER DELETE ON "grant_batches" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_grant_batches();
--> statement-breakpoint
CREATE TRIGGER grant_batches_grant_dto_truncate AFTER TRUNCATE ON "grant_batches" FOR EACH STATEMENT EXECUTE FUNCTION touch_every_grant_dto();
--> statement-breakpoint
-- Rows inserted into or deleted from plans: note the persons whose grant DTOs they are part of.
CREATE OR REPLACE FUNCTION touch_grant_dto_plans() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.plan_id = r.id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows of plans updated: only those that changed what a DTO shows, before and after.
CREATE OR REPLACE FUNCTION touch_grant_dto_plans_update() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  WITH changed_rows AS (
    SELECT after_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE (after_row.name, after_row.name_en, after_row.grade_table) IS DISTINCT FROM (before_row.name, before_row.name_en, before_row.grade_table)
    UNION ALL SELECT before_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE (after_row.name, after_row.name_en, after_row.grade_table) IS DISTINCT FROM (before_row.name, before_row.name_en, before_row.grade_table))
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.plan_id = r.id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER plans_grant_dto_insert AFTER INSERT ON "plans" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_plans();
--> statement-breakpoint
CREATE TRIGGER plans_grant_dto_update AFTER UPDATE ON "plans" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_plans_update();
--> statement-breakpoint
CREATE TRIGGER plans_grant_dto_delete AFTER DELETE ON "plans" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_plans();
--> statement-breakpoint
CREATE TRIGGER plans_grant_dto_truncate AFTER TRUNCATE ON "plans" FOR EACH STATEMENT EXECUTE FUNCTION touch_every_grant_dto();
--> statement-breakpoint
-- Rows inserted into or deleted from participant_categories: note the persons whose grant DTOs they are part of.
CREATE OR REPLACE FUNCTION touch_grant_dto_participant_categories() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.category_id = r.id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows of participant_categories updated: only those that changed, before and after.
CREATE OR REPLACE FUNCTION touch_grant_dto_participant_categories_update() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  WITH changed_rows AS (
    SELECT after_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row)
    UNION ALL SELECT before_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row))
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.category_id = r.id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER participant_categories_grant_dto_insert AFTER INSERT ON "participant_categories" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_participant_categories();
--> statement-breakpoint
CREATE TRIGGER participant_categories_grant_dto_update AFTER UPDATE ON "participant_categories" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_participant_categories_update();
--> statement-breakpoint
CREATE TRIGGER participant_categories_grant_dto_delete AFTER DELETE ON "participant_categories" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_participant_categories();
--> statement-breakpoint
CREATE TRIGGER participant_categories_grant_dto_truncate AFTER TRUNCATE ON "participant_categories" FOR EACH STATEMENT EXECUTE FUNCTION touch_every_grant_dto();
--> statement-breakpoint
-- Rows inserted into or deleted from company_appraisals: note the persons whose grant DTOs they are part of.
CREATE OR REPLACE FUNCTION touch_grant_dto_company_appraisals() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.batch_id = r.batch_id AND g.category_id = r.category_id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows of company_appraisals updated: only those that changed, before and after.
CREATE OR REPLACE FUNCTION touch_grant_dto_company_appraisals_update() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  WITH changed_rows AS (
    SELECT after_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row)
    UNION ALL SELECT before_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row))
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN grants g ON g.batch_id = r.batch_id AND g.category_id = r.category_id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER company_appraisals_grant_dto_insert AFTER INSERT ON "company_appraisals" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_company_appraisals();
--> statement-breakpoint
CREATE TRIGGER company_appraisals_grant_dto_update AFTER UPDATE ON "company_appraisals" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_company_appraisals_update();
--> statement-breakpoint
CREATE TRIGGER company_appraisals_grant_dto_delete AFTER DELETE ON "company_appraisals" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_company_appraisals();
--> statement-breakpoint
CREATE TRIGGER company_appraisals_grant_dto_truncate AFTER TRUNCATE ON "company_appraisals" FOR EACH STATEMENT EXECUTE FUNCTION touch_every_grant_dto();
--> statement-breakpoint
-- Rows inserted into or deleted from corporate_actions: note the persons whose grant DTOs they are part of.
CREATE OR REPLACE FUNCTION touch_grant_dto_corporate_actions() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN adjustment_records a ON a.corporate_action_id = r.id JOIN grants g ON g.id = a.grant_id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Rows of corporate_actions updated: only those that changed, before and after.
CREATE OR REPLACE FUNCTION touch_grant_dto_corporate_actions_update() RETURNS trigger AS $$
DECLARE noted bigint;
BEGIN
  WITH changed_rows AS (
    SELECT after_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row)
    UNION ALL SELECT before_row.* FROM new_rows after_row JOIN old_rows before_row ON before_row.id = after_row.id WHERE to_jsonb(after_row) IS DISTINCT FROM to_jsonb(before_row))
  INSERT INTO grant_dto_touches (txid, person_id) SELECT DISTINCT txid_current(), p.person_id FROM (SELECT g.person_id AS person_id FROM changed_rows r JOIN adjustment_records a ON a.corporate_action_id = r.id JOIN grants g ON g.id = a.grant_id) p WHERE p.person_id IS NOT NULL;
  GET DIAGNOSTICS noted = ROW_COUNT;
  IF noted > 0 THEN PERFORM schedule_grant_dto_flush(); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER corporate_actions_grant_dto_insert AFTER INSERT ON "corporate_actions" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_corporate_actions();
--> statement-breakpoint
CREATE TRIGGER corporate_actions_grant_dto_update AFTER UPDATE ON "corporate_actions" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_corporate_actions_update();
--> statement-breakpoint
CREATE TRIGGER corporate_actions_grant_dto_delete AFTER DELETE ON "corporate_actions" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION touch_grant_dto_corporate_actions();
--> statement-breakpoint
CREATE TRIGGER corporate_actions_grant_dto_truncate AFTER TRUNCATE ON "corporate_actions" FOR EACH STATEMENT EXECUTE FUNCTION touch_every_grant_dto();
