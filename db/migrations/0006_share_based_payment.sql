CREATE TYPE "public"."fair_value_kind" AS ENUM('draft_projection', 'grant');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'finance';--> statement-breakpoint
CREATE TABLE "fair_value_measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"grant_batch_id" uuid,
	"kind" "fair_value_kind" NOT NULL,
	"valuation_date" date NOT NULL,
	"share_price" numeric(12, 2) NOT NULL,
	"grant_price" numeric(12, 2) NOT NULL,
	"dividend_yield" numeric(9, 6) DEFAULT '0' NOT NULL,
	"terms" jsonb NOT NULL,
	"quantities" jsonb,
	"convention" text DEFAULT 'monthly' NOT NULL,
	"source" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fair_value_measurements" ADD CONSTRAINT "fair_value_measurements_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_value_measurements" ADD CONSTRAINT "fair_value_measurements_grant_batch_id_grant_batches_id_fk" FOREIGN KEY ("grant_batch_id") REFERENCES "public"."grant_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fair_value_measurements_plan_idx" ON "fair_value_measurements" USING btree ("plan_id","recorded_at");--> statement-breakpoint
-- A measurement is kept as entered: a correction is a new row, so the figures an announcement used stay readable.
CREATE OR REPLACE FUNCTION fair_value_measurements_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'fair_value_measurements is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER fair_value_measurements_no_update BEFORE UPDATE OR DELETE ON fair_value_measurements FOR EACH ROW EXECUTE FUNCTION fair_value_measurements_refuse_change();
--> statement-breakpoint
CREATE TRIGGER fair_value_measurements_no_truncate BEFORE TRUNCATE ON fair_value_measurements FOR EACH STATEMENT EXECUTE FUNCTION fair_value_measurements_refuse_change();
