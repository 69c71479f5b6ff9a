CREATE TABLE "emergency_callups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"emergency_id" bigint NOT NULL,
	"responder_id" bigint NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'called' NOT NULL,
	"called_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"distance_m" integer
);
--> statement-breakpoint
CREATE TABLE "directive_additions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"directive_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"note" text NOT NULL,
	"report_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"added_by" bigint,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directive_grids" (
	"directive_id" bigint NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"acked_at" timestamp with time zone,
	"acked_by" bigint,
	"reported_at" timestamp with time zone,
	"reported_by" bigint,
	"report" jsonb,
	"escalation" smallint DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	CONSTRAINT "directive_grids_directive_id_grid_id_pk" PRIMARY KEY("directive_id","grid_id")
);
--> statement-breakpoint
CREATE TABLE "directives" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"emergency_id" bigint NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"target_unit_ids" jsonb NOT NULL,
	"path" "ltree" NOT NULL,
	"report_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" bigint,
	"ack_due_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"street_after_minutes" integer DEFAULT 60 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergencies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" bigint NOT NULL,
	"incident_type" text NOT NULL,
	"level" smallint NOT NULL,
	"title" text NOT NULL,
	"note" text,
	"unit_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"sitrep_every_minutes" integer DEFAULT 240 NOT NULL,
	"timers" jsonb NOT NULL,
	"formations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text,
	"declared_at" timestamp with time zone NOT NULL,
	"declared_by" bigint,
	"ended_at" timestamp with time zone,
	"ended_by" bigint
);
--> statement-breakpoint
CREATE TABLE "emergency_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"emergency_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"actor_name" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_plans" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"incident_type" text NOT NULL,
	"level" smallint NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"body" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_resources" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"location" geometry(Point,4326) NOT NULL,
	"capacity" integer DEFAULT 0 NOT NULL,
	"occupancy" integer DEFAULT 0 NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_responders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"phone_enc" text,
	"phone_masked" text,
	"team" text,
	"role" text,
	"home_grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"person_id" bigint,
	"party_member_id" bigint,
	"user_id" bigint,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_sitreps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"emergency_id" bigint NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"values" jsonb NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"reported_by" bigint
);
--> statement-breakpoint
ALTER TABLE "emergency_callups" ADD CONSTRAINT "emergency_callups_emergency_id_emergencies_id_fk" FOREIGN KEY ("emergency_id") REFERENCES "public"."emergencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_callups" ADD CONSTRAINT "emergency_callups_responder_id_emergency_responders_id_fk" FOREIGN KEY ("responder_id") REFERENCES "public"."emergency_responders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_callups" ADD CONSTRAINT "emergency_callups_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_additions" ADD CONSTRAINT "directive_additions_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_additions" ADD CONSTRAINT "directive_additions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_additions" ADD CONSTRAINT "directive_additions_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_grids" ADD CONSTRAINT "directive_grids_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directives" ADD CONSTRAINT "directives_emergency_id_emergencies_id_fk" FOREIGN KEY ("emergency_id") REFERENCES "public"."emergencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directives" ADD CONSTRAINT "directives_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergencies" ADD CONSTRAINT "emergencies_plan_id_emergency_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."emergency_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergencies" ADD CONSTRAINT "emergencies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergencies" ADD CONSTRAINT "emergencies_declared_by_users_id_fk" FOREIGN KEY ("declared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergencies" ADD CONSTRAINT "emergencies_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_log" ADD CONSTRAINT "emergency_log_emergency_id_emergencies_id_fk" FOREIGN KEY ("emergency_id") REFERENCES "public"."emergencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_resources" ADD CONSTRAINT "emergency_resources_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_responders" ADD CONSTRAINT "emergency_responders_home_grid_id_units_id_fk" FOREIGN KEY ("home_grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_responders" ADD CONSTRAINT "emergency_responders_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_responders" ADD CONSTRAINT "emergency_responders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_sitreps" ADD CONSTRAINT "emergency_sitreps_emergency_id_emergencies_id_fk" FOREIGN KEY ("emergency_id") REFERENCES "public"."emergencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_sitreps" ADD CONSTRAINT "emergency_sitreps_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_sitreps" ADD CONSTRAINT "emergency_sitreps_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_callups_uq" ON "emergency_callups" USING btree ("emergency_id","responder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_callups_token_uq" ON "emergency_callups" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "emergency_callups_path_gist" ON "emergency_callups" USING gist ("path");--> statement-breakpoint
CREATE INDEX "directive_additions_directive_idx" ON "directive_additions" USING btree ("directive_id");--> statement-breakpoint
CREATE INDEX "directive_grids_grid_idx" ON "directive_grids" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "directive_grids_open_idx" ON "directive_grids" USING btree ("directive_id","escalation") WHERE state <> 'executed';--> statement-breakpoint
CREATE INDEX "directives_emergency_idx" ON "directives" USING btree ("emergency_id");--> statement-breakpoint
CREATE INDEX "directives_path_gist" ON "directives" USING gist ("path");--> statement-breakpoint
CREATE INDEX "emergencies_path_gist" ON "emergencies" USING gist ("path");--> statement-breakpoint
CREATE INDEX "emergencies_active_path_gist" ON "emergencies" USING gist ("path") WHERE state = 'active';--> statement-breakpoint
CREATE INDEX "emergency_log_emergency_idx" ON "emergency_log" USING btree ("emergency_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_plans_code_uq" ON "emergency_plans" USING btree ("code");--> statement-breakpoint
CREATE INDEX "emergency_plans_type_idx" ON "emergency_plans" USING btree ("incident_type","level");--> statement-breakpoint
CREATE INDEX "emergency_resources_path_gist" ON "emergency_resources" USING gist ("path");--> statement-breakpoint
CREATE INDEX "emergency_resources_loc_gist" ON "emergency_resources" USING gist ("location");--> statement-breakpoint
CREATE INDEX "emergency_responders_path_gist" ON "emergency_responders" USING gist ("path");--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_responders_member_uq" ON "emergency_responders" USING btree ("party_member_id") WHERE party_member_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "emergency_sitreps_uq" ON "emergency_sitreps" USING btree ("emergency_id","grid_id","period");--> statement-breakpoint
CREATE INDEX "emergency_sitreps_path_gist" ON "emergency_sitreps" USING gist ("path");