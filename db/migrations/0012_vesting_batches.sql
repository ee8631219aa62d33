CREATE TYPE "public"."payment_source" AS ENUM('manual', 'statement');--> statement-breakpoint
CREATE TYPE "public"."share_source" AS ENUM('new_issue', 'buyback');--> statement-breakpoint
CREATE TYPE "public"."vesting_batch_status" AS ENUM('draft', 'conditions_confirmed', 'payment_open', 'payment_closed', 'registered', 'announced');--> statement-breakpoint
CREATE TABLE "closing_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_id" uuid NOT NULL,
	"trade_date" date NOT NULL,
	"close" numeric(12, 4) NOT NULL,
	"source" text NOT NULL,
	"entered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "closing_prices_issuer_id_trade_date_unique" UNIQUE("issuer_id","trade_date")
);
--> statement-breakpoint
CREATE TABLE "person_tax_profiles" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"resident" boolean DEFAULT true NOT NULL,
	"note" text,
	"securities_account" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrar_list_layouts" (
	"plan_id" uuid PRIMARY KEY NOT NULL,
	"columns" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vesting_batch_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vesting_batch_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"tranche_index" integer NOT NULL,
	"shares" bigint NOT NULL,
	"adjusted_price" numeric(12, 4) NOT NULL,
	"amount_due" numeric(16, 2) NOT NULL,
	"reference" text NOT NULL,
	"paid_shares" bigint,
	"waived_shares" bigint,
	"refund" numeric(16, 2),
	"closing_price" numeric(12, 4),
	"taxable_income" numeric(16, 2),
	"tax" numeric(16, 2),
	"tax_status" text,
	"tax_deferral_end" date,
	CONSTRAINT "vesting_batch_lines_vesting_batch_id_grant_id_tranche_index_unique" UNIQUE("vesting_batch_id","grant_id","tranche_index")
);
--> statement-breakpoint
CREATE TABLE "vesting_batch_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vesting_batch_id" uuid NOT NULL,
	"grant_batch_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"tranche_index" integer NOT NULL,
	"vesting_run_id" uuid,
	CONSTRAINT "vesting_batch_periods_vesting_batch_id_grant_batch_id_category_id_tranche_index_unique" UNIQUE("vesting_batch_id","grant_batch_id","category_id","tranche_index")
);
--> statement-breakpoint
CREATE TABLE "vesting_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"batch_no" integer NOT NULL,
	"status" "vesting_batch_status" DEFAULT 'draft' NOT NULL,
	"registration_date" date NOT NULL,
	"payment_start" date NOT NULL,
	"payment_deadline" date NOT NULL,
	"payee_name" text NOT NULL,
	"payee_bank" text NOT NULL,
	"payee_account" text NOT NULL,
	"reference_template" text NOT NULL,
	"share_source" "share_source" DEFAULT 'new_issue' NOT NULL,
	"listing_date" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vesting_batches_plan_id_batch_no_unique" UNIQUE("plan_id","batch_no")
);
--> statement-breakpoint
CREATE TABLE "vesting_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"vesting_batch_id" uuid NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"paid_on" date NOT NULL,
	"transaction_id" text,
	"source" "payment_source" NOT NULL,
	"source_file_name" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vesting_payments_vesting_batch_id_transaction_id_unique" UNIQUE("vesting_batch_id","transaction_id")
);
--> statement-breakpoint
ALTER TABLE "closing_prices" ADD CONSTRAINT "closing_prices_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_tax_profiles" ADD CONSTRAINT "person_tax_profiles_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrar_list_layouts" ADD CONSTRAINT "registrar_list_layouts_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_batch_lines" ADD CONSTRAINT "vesting_batch_lines_vesting_batch_id_vesting_batches_id_fk" FOREIGN KEY ("vesting_batch_id") REFERENCES "public"."vesting_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_batch_lines" ADD CONSTRAINT "vesting_batch_lines_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_batch_lines" ADD CONSTRAINT "vesting_batch_lines_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_batch_periods" ADD CONSTRAINT "vesting_batch_periods_vesting_batch_id_vesting_batches_id_fk" FOREIGN KEY ("vesting_batch_id") REFERENCES "public"."vesting_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_batch_periods" ADD CONSTRAINT "vesting_batch_periods_grant_batch_id_grant_batches_id_fk" FOREIGN KEY ("grant_batch_id") REFERENCES "public"."grant_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_batch_periods" ADD CONSTRAINT "vesting_batch_periods_category_id_participant_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."participant_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_batch_periods" ADD CONSTRAINT "vesting_batch_periods_vesting_run_id_vesting_runs_id_fk" FOREIGN KEY ("vesting_run_id") REFERENCES "public"."vesting_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_batches" ADD CONSTRAINT "vesting_batches_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_payments" ADD CONSTRAINT "vesting_payments_line_id_vesting_batch_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."vesting_batch_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_payments" ADD CONSTRAINT "vesting_payments_vesting_batch_id_vesting_batches_id_fk" FOREIGN KEY ("vesting_batch_id") REFERENCES "public"."vesting_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vesting_batch_lines_person_idx" ON "vesting_batch_lines" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "vesting_payments_line_idx" ON "vesting_payments" USING btree ("line_id");--> statement-breakpoint
-- Payments received are kept as recorded: a mistake is corrected by a new (negative) row.
CREATE TRIGGER vesting_payments_no_update BEFORE UPDATE OR DELETE ON vesting_payments FOR EACH ROW EXECUTE FUNCTION correction_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER vesting_payments_no_truncate BEFORE TRUNCATE ON vesting_payments FOR EACH STATEMENT EXECUTE FUNCTION correction_records_refuse_change();
