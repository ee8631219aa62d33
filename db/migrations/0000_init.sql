CREATE TYPE "public"."corporate_action_type" AS ENUM('capitalisation', 'bonus', 'split', 'rights', 'consolidation', 'dividend', 'dividend_bonus', 'issuance');--> statement-breakpoint
CREATE TYPE "public"."disclosure_kind" AS ENUM('annual_report', 'semi_annual_report', 'q1_report', 'q3_report', 'performance_forecast', 'performance_express', 'major_event', 'exchange_window');--> statement-breakpoint
CREATE TYPE "public"."employment_status" AS ENUM('active', 'left');--> statement-breakpoint
CREATE TYPE "public"."grant_batch_kind" AS ENUM('first', 'reserved');--> statement-breakpoint
CREATE TYPE "public"."objection_status" AS ENUM('open', 'answered', 'upheld');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'board_approved', 'publicity', 'verified', 'approved_by_general_meeting', 'granted', 'vesting', 'closed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."publicity_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('employee', 'hr', 'admin', 'auditor');--> statement-breakpoint
CREATE TYPE "public"."tranche_status" AS ENUM('pending', 'vestable', 'vested', 'lapsed');--> statement-breakpoint
CREATE TYPE "public"."verifying_body" AS ENUM('board_of_supervisors', 'remuneration_committee');--> statement-breakpoint
CREATE TABLE "blackout_rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"annual_days" integer NOT NULL,
	"quarterly_days" integer NOT NULL,
	"is_preset" boolean DEFAULT false NOT NULL,
	CONSTRAINT "blackout_rule_sets_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "issuers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"stock_code" text NOT NULL,
	"par_value" numeric(12, 4) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_capital_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_id" uuid NOT NULL,
	"effective_date" date NOT NULL,
	"shares" bigint NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "participant_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" integer NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	CONSTRAINT "participant_categories_plan_id_code_unique" UNIQUE("plan_id","code")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"instrument" text DEFAULT 'class_ii_restricted_stock' NOT NULL,
	"announcement_date" date,
	"board_approval_date" date,
	"general_meeting_date" date,
	"total_quantity" bigint NOT NULL,
	"first_grant_quantity" bigint NOT NULL,
	"reserved_quantity" bigint NOT NULL,
	"share_capital_at_announcement" bigint NOT NULL,
	"validity_months" integer NOT NULL,
	"blackout_rule_set_id" uuid NOT NULL,
	"verifying_body" "verifying_body" NOT NULL,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"grade_table" jsonb NOT NULL,
	"derived_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vesting_arrangements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid NOT NULL,
	"tranche_index" integer NOT NULL,
	"start_months" integer NOT NULL,
	"end_months" integer NOT NULL,
	"ratio" numeric(7, 4) NOT NULL,
	CONSTRAINT "vesting_arrangements_category_id_tranche_index_unique" UNIQUE("category_id","tranche_index")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_id" uuid NOT NULL,
	"employee_no" text NOT NULL,
	"name" text NOT NULL,
	"name_pinyin" text,
	"position" text NOT NULL,
	"department" text,
	"nationality" text DEFAULT 'CN' NOT NULL,
	"id_number_enc" text,
	"id_number_last4" text,
	"employment_status" "employment_status" DEFAULT 'active' NOT NULL,
	"leave_date" date,
	"is_director" boolean DEFAULT false NOT NULL,
	"is_senior_manager" boolean DEFAULT false NOT NULL,
	"is_core_technician" boolean DEFAULT false NOT NULL,
	"is_foreign" boolean DEFAULT false NOT NULL,
	"is_independent_director" boolean DEFAULT false NOT NULL,
	"is_supervisor" boolean DEFAULT false NOT NULL,
	"is_major_holder" boolean DEFAULT false NOT NULL,
	"is_actual_controller_or_relative" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_employee_no_unique" UNIQUE("employee_no")
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publicity_period_id" uuid NOT NULL,
	"filed_by_user_id" uuid NOT NULL,
	"receipt_no" text NOT NULL,
	"text" text NOT NULL,
	"status" "objection_status" DEFAULT 'open' NOT NULL,
	"response" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "objections_receipt_no_unique" UNIQUE("receipt_no")
);
--> statement-breakpoint
CREATE TABLE "participant_list_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_version_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" text NOT NULL,
	"nationality" text NOT NULL,
	"quantity" bigint NOT NULL,
	CONSTRAINT "participant_list_entries_list_version_id_person_id_unique" UNIQUE("list_version_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "participant_list_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"batch" "grant_batch_kind" NOT NULL,
	"version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"source_file_name" text,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participant_list_versions_plan_id_batch_version_unique" UNIQUE("plan_id","batch","version")
);
--> statement-breakpoint
CREATE TABLE "publicity_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"list_version_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"channel" text DEFAULT 'Vesting Desk' NOT NULL,
	"status" "publicity_status" DEFAULT 'open' NOT NULL,
	"summary" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"list_version_id" uuid NOT NULL,
	"publicity_period_id" uuid,
	"body" "verifying_body" NOT NULL,
	"members" text,
	"opinion_date" date NOT NULL,
	"disclosure_date" date NOT NULL,
	"general_meeting_date" date NOT NULL,
	"opinion" text NOT NULL,
	"attachment_name" text,
	"attachment" "bytea",
	"stale" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appraisal_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"tranche_index" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"grade" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appraisal_results_grant_id_tranche_index_unique" UNIQUE("grant_id","tranche_index")
);
--> statement-breakpoint
CREATE TABLE "company_appraisals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"tranche_index" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"company_ratio" numeric(7, 4) NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_appraisals_batch_id_category_id_tranche_index_unique" UNIQUE("batch_id","category_id","tranche_index")
);
--> statement-breakpoint
CREATE TABLE "grant_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"batch" "grant_batch_kind" NOT NULL,
	"grant_date" date NOT NULL,
	"grant_price" numeric(12, 2) NOT NULL,
	"board_resolution_date" date,
	"list_version_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"quantity" bigint NOT NULL,
	"adjusted_price" numeric(12, 2) NOT NULL,
	"adjusted_quantity" bigint NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grants_batch_id_person_id_unique" UNIQUE("batch_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "tranches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"tranche_index" integer NOT NULL,
	"ratio" numeric(7, 4) NOT NULL,
	"planned_quantity" bigint NOT NULL,
	"window_open" date,
	"window_close" date,
	"earliest_vesting_date" date,
	"earliest_reason" text,
	"deferred_by" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "tranche_status" NOT NULL,
	"vested_quantity" bigint DEFAULT 0 NOT NULL,
	"lapsed_quantity" bigint DEFAULT 0 NOT NULL,
	"vesting_date" date,
	"lapse_reason" text,
	"derived_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tranches_grant_id_tranche_index_unique" UNIQUE("grant_id","tranche_index")
);
--> statement-breakpoint
CREATE TABLE "vesting_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"tranche_index" integer NOT NULL,
	"vesting_date" date NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vesting_runs_batch_id_category_id_tranche_index_unique" UNIQUE("batch_id","category_id","tranche_index")
);
--> statement-breakpoint
CREATE TABLE "adjustment_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"corporate_action_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"price_before" numeric(12, 2) NOT NULL,
	"price_after" numeric(12, 2) NOT NULL,
	"quantity_before" bigint NOT NULL,
	"quantity_after" bigint NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_closures" (
	"date" date PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_published_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "corporate_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_id" uuid NOT NULL,
	"type" "corporate_action_type" NOT NULL,
	"ex_date" date NOT NULL,
	"n" numeric(18, 8),
	"v" numeric(18, 8),
	"p1" numeric(18, 8),
	"p2" numeric(18, 8),
	"description" text,
	"compensates_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosure_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_id" uuid NOT NULL,
	"plan_id" uuid,
	"kind" "disclosure_kind" NOT NULL,
	"title" text NOT NULL,
	"fiscal_year" integer,
	"scheduled_date" date,
	"actual_date" date,
	"start_date" date,
	"end_date" date,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	CONSTRAINT "user_roles_user_id_role_pk" PRIMARY KEY("user_id","role")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"person_id" uuid,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"calendar_feed_token_hash" text,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_person_id_unique" UNIQUE("person_id")
);
--> statement-breakpoint
ALTER TABLE "share_capital_history" ADD CONSTRAINT "share_capital_history_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_categories" ADD CONSTRAINT "participant_categories_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_blackout_rule_set_id_blackout_rule_sets_id_fk" FOREIGN KEY ("blackout_rule_set_id") REFERENCES "public"."blackout_rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_arrangements" ADD CONSTRAINT "vesting_arrangements_category_id_participant_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."participant_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_publicity_period_id_publicity_periods_id_fk" FOREIGN KEY ("publicity_period_id") REFERENCES "public"."publicity_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_list_entries" ADD CONSTRAINT "participant_list_entries_list_version_id_participant_list_versions_id_fk" FOREIGN KEY ("list_version_id") REFERENCES "public"."participant_list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_list_entries" ADD CONSTRAINT "participant_list_entries_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_list_entries" ADD CONSTRAINT "participant_list_entries_category_id_participant_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."participant_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_list_versions" ADD CONSTRAINT "participant_list_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_periods" ADD CONSTRAINT "publicity_periods_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_periods" ADD CONSTRAINT "publicity_periods_list_version_id_participant_list_versions_id_fk" FOREIGN KEY ("list_version_id") REFERENCES "public"."participant_list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_records" ADD CONSTRAINT "verification_records_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_records" ADD CONSTRAINT "verification_records_list_version_id_participant_list_versions_id_fk" FOREIGN KEY ("list_version_id") REFERENCES "public"."participant_list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_records" ADD CONSTRAINT "verification_records_publicity_period_id_publicity_periods_id_fk" FOREIGN KEY ("publicity_period_id") REFERENCES "public"."publicity_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_results" ADD CONSTRAINT "appraisal_results_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_appraisals" ADD CONSTRAINT "company_appraisals_batch_id_grant_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."grant_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_appraisals" ADD CONSTRAINT "company_appraisals_category_id_participant_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."participant_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_batches" ADD CONSTRAINT "grant_batches_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_batches" ADD CONSTRAINT "grant_batches_list_version_id_participant_list_versions_id_fk" FOREIGN KEY ("list_version_id") REFERENCES "public"."participant_list_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_batch_id_grant_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."grant_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_category_id_participant_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."participant_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranches" ADD CONSTRAINT "tranches_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_runs" ADD CONSTRAINT "vesting_runs_batch_id_grant_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."grant_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vesting_runs" ADD CONSTRAINT "vesting_runs_category_id_participant_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."participant_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjustment_records" ADD CONSTRAINT "adjustment_records_corporate_action_id_corporate_actions_id_fk" FOREIGN KEY ("corporate_action_id") REFERENCES "public"."corporate_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjustment_records" ADD CONSTRAINT "adjustment_records_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corporate_actions" ADD CONSTRAINT "corporate_actions_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_events" ADD CONSTRAINT "disclosure_events_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_events" ADD CONSTRAINT "disclosure_events_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grants_person_idx" ON "grants" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "grants_plan_idx" ON "grants" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "login_attempts_identifier_at_idx" ON "login_attempts" USING btree ("identifier","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_at_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");