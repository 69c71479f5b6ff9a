CREATE TABLE "case_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text DEFAULT 'leaf' NOT NULL,
	"lowest_level" text DEFAULT 'department' NOT NULL,
	"lead_dept_key" text,
	"assist_dept_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deadline_class" text DEFAULT 'd7' NOT NULL,
	"required_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"dispute" boolean DEFAULT false NOT NULL,
	"guidance" jsonb,
	"default_risk" text DEFAULT 'low' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_dispatches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"role" text NOT NULL,
	"state" text DEFAULT 'sent' NOT NULL,
	"instructions" text,
	"ack_due_at" timestamp with time zone NOT NULL,
	"handle_due_at" timestamp with time zone NOT NULL,
	"ack_warn" text DEFAULT 'none' NOT NULL,
	"handle_warn" text DEFAULT 'none' NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" bigint,
	"handled_at" timestamp with time zone,
	"feedback" text,
	"returned_at" timestamp with time zone,
	"return_reason" text,
	"extension" jsonb,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"purpose" text DEFAULT 'report' NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"thumb" "bytea" NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_mediations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"mediator_id" bigint,
	"mediator_name" text NOT NULL,
	"parties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"agreement" text,
	"failure_reason" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_reporters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"tracking_no" text NOT NULL,
	"channel" text NOT NULL,
	"name_enc" text,
	"phone_enc" text,
	"phone_bidx" text,
	"phone_masked" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"resident" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"path" "ltree",
	"due_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by" bigint,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "department_serves" (
	"department_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	CONSTRAINT "department_serves_department_id_unit_id_pk" PRIMARY KEY("department_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"case_id" bigint,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "mediation_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"mediation_id" bigint NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"place" text,
	"notes" text NOT NULL,
	"created_by" bigint
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"case_id" bigint,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"target" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supervision_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"dispatch_id" bigint,
	"kind" text NOT NULL,
	"unit_id" bigint,
	"path" "ltree",
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "work_calendar" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "key" text;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "short_name" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "category_code" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "channel" text DEFAULT 'api' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "state_before" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "suspension_requested" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "risk_level" text DEFAULT 'low' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "deadline_class" text DEFAULT 'd7' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "owner_unit_id" bigint;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "holder" text DEFAULT 'grid' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "lead_department_id" bigint;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "has_resident_reporter" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "extra" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "merged_into_id" bigint;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "created_by" bigint;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_response_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "warn_level" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "handled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "rated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "resolved" boolean;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "satisfaction" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "rating_comment" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "unrated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reopen_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_dispatches" ADD CONSTRAINT "case_dispatches_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_dispatches" ADD CONSTRAINT "case_dispatches_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_mediations" ADD CONSTRAINT "case_mediations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_mediations" ADD CONSTRAINT "case_mediations_mediator_id_users_id_fk" FOREIGN KEY ("mediator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reporters" ADD CONSTRAINT "case_reporters_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_serves" ADD CONSTRAINT "department_serves_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_serves" ADD CONSTRAINT "department_serves_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_mediation_id_case_mediations_id_fk" FOREIGN KEY ("mediation_id") REFERENCES "public"."case_mediations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_dispatch_id_case_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."case_dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_dispatches_case_idx" ON "case_dispatches" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_dispatches_dept_state_idx" ON "case_dispatches" USING btree ("department_id","state");--> statement-breakpoint
CREATE INDEX "case_dispatches_due_idx" ON "case_dispatches" USING btree ("state","handle_due_at");--> statement-breakpoint
CREATE INDEX "case_files_case_idx" ON "case_files" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_mediations_case_idx" ON "case_mediations" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_reporters_case_idx" ON "case_reporters" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_reporters_tracking_idx" ON "case_reporters" USING btree ("tracking_no");--> statement-breakpoint
CREATE INDEX "case_tasks_case_idx" ON "case_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_tasks_once_uq" ON "case_tasks" USING btree ("case_id","kind","due_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","read_at","created_at");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "supervision_path_gist" ON "supervision_items" USING gist ("path");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_once_uq" ON "supervision_items" USING btree ("case_id","kind","dispatch_id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_code_case_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."case_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_lead_department_id_departments_id_fk" FOREIGN KEY ("lead_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_state_idx" ON "cases" USING btree ("state","priority","created_at");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cases_category_idx" ON "cases" USING btree ("category_code","created_at");--> statement-breakpoint
CREATE INDEX "cases_location_gist" ON "cases" USING gist ("location");