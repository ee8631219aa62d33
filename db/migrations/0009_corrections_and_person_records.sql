CREATE TYPE "public"."departure_kind" AS ENUM('recorded', 'corrected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."departure_reason" AS ENUM('resignation', 'contract_end', 'dismissal', 'retirement', 'death', 'incapacity', 'transfer', 'other');--> statement-breakpoint
CREATE TYPE "public"."id_type" AS ENUM('resident_id', 'passport', 'hk_macau_permit', 'taiwan_permit', 'foreign_permanent_residence', 'other');--> statement-breakpoint
CREATE TABLE "person_departures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "departure_kind" NOT NULL,
	"leave_date" date,
	"reason" "departure_reason",
	"note" text,
	"supersedes_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_batch_voids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"voided_by" uuid,
	"voided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_batch_voids_batch_id_unique" UNIQUE("batch_id")
);
--> statement-breakpoint
CREATE TABLE "vesting_run_reversals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vesting_run_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"reversed_by" uuid,
	"reversed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vesting_run_reversals_vesting_run_id_unique" UNIQUE("vesting_run_id")
);
--> statement-breakpoint
ALTER TABLE "vesting_runs" DROP CONSTRAINT "vesting_runs_batch_id_category_id_tranche_index_unique";--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "id_type" "id_type";--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "person_departures" ADD CONSTRAINT "person_departures_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_departures" ADD CONSTRAINT "person_departures_supersedes_id_person_departures_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."person_departures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_batch_voids" ADD CONSTRAINT "grant_batch_voids_batch_id_grant_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."grant_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_run_reversals" ADD CONSTRAINT "vesting_run_reversals_vesting_run_id_vesting_runs_id_fk" FOREIGN KEY ("vesting_run_id") REFERENCES "public"."vesting_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_departures_person_idx" ON "person_departures" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "vesting_runs_period_idx" ON "vesting_runs" USING btree ("batch_id","category_id","tranche_index");--> statement-breakpoint
-- Corrections are new rows: a departure, a void and a reversal are kept as recorded.
CREATE OR REPLACE FUNCTION correction_records_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER person_departures_no_update BEFORE UPDATE OR DELETE ON person_departures FOR EACH ROW EXECUTE FUNCTION correction_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER person_departures_no_truncate BEFORE TRUNCATE ON person_departures FOR EACH STATEMENT EXECUTE FUNCTION correction_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER grant_batch_voids_no_update BEFORE UPDATE OR DELETE ON grant_batch_voids FOR EACH ROW EXECUTE FUNCTION correction_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER grant_batch_voids_no_truncate BEFORE TRUNCATE ON grant_batch_voids FOR EACH STATEMENT EXECUTE FUNCTION correction_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER vesting_run_reversals_no_update BEFORE UPDATE OR DELETE ON vesting_run_reversals FOR EACH ROW EXECUTE FUNCTION correction_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER vesting_run_reversals_no_truncate BEFORE TRUNCATE ON vesting_run_reversals FOR EACH STATEMENT EXECUTE FUNCTION correction_records_refuse_change();
--> statement-breakpoint
-- Departures recorded before this migration become their first record (reason not asked for then).
INSERT INTO person_departures (person_id, kind, leave_date) SELECT id, 'recorded', leave_date FROM persons WHERE employment_status = 'left' AND leave_date IS NOT NULL;
