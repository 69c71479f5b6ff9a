CREATE TABLE "duty_task_completions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"duty_code" text NOT NULL,
	"period_key" text NOT NULL,
	"completed_by" bigint,
	"completed_at" timestamp with time zone NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "field_policies" (
	"district_id" bigint PRIMARY KEY NOT NULL,
	"peacetime_tracking" boolean DEFAULT false NOT NULL,
	"peacetime_checkins" boolean DEFAULT false NOT NULL,
	"wartime_on" boolean DEFAULT true NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_visits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"household_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"purpose" text DEFAULT 'routine' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"patrol_id" bigint,
	"lat" double precision,
	"lng" double precision,
	"at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_checkins" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"patrol_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"key_site_id" bigint NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"accuracy" real,
	"distance_m" real NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_findings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"patrol_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"kind" text NOT NULL,
	"cell_id" bigint,
	"key_site_id" bigint,
	"note" text DEFAULT '' NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"case_id" bigint,
	"at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_points" (
	"patrol_id" bigint NOT NULL,
	"t" timestamp with time zone NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"accuracy" real NOT NULL,
	CONSTRAINT "patrol_points_patrol_id_t_pk" PRIMARY KEY("patrol_id","t")
);
--> statement-breakpoint
CREATE TABLE "patrols" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"stopped_at" timestamp with time zone,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"point_count" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "duty_task_completions" ADD CONSTRAINT "duty_task_completions_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_task_completions" ADD CONSTRAINT "duty_task_completions_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_policies" ADD CONSTRAINT "field_policies_district_id_units_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_visits" ADD CONSTRAINT "household_visits_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_visits" ADD CONSTRAINT "household_visits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_visits" ADD CONSTRAINT "household_visits_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_visits" ADD CONSTRAINT "household_visits_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkins" ADD CONSTRAINT "patrol_checkins_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkins" ADD CONSTRAINT "patrol_checkins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_checkins" ADD CONSTRAINT "patrol_checkins_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_findings" ADD CONSTRAINT "patrol_findings_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_findings" ADD CONSTRAINT "patrol_findings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_findings" ADD CONSTRAINT "patrol_findings_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_points" ADD CONSTRAINT "patrol_points_patrol_id_patrols_id_fk" FOREIGN KEY ("patrol_id") REFERENCES "public"."patrols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrols" ADD CONSTRAINT "patrols_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duty_task_completions_uq" ON "duty_task_completions" USING btree ("grid_id","duty_code","period_key");--> statement-breakpoint
CREATE INDEX "household_visits_household_idx" ON "household_visits" USING btree ("household_id","at");--> statement-breakpoint
CREATE INDEX "household_visits_grid_at_idx" ON "household_visits" USING btree ("grid_id","at");--> statement-breakpoint
CREATE INDEX "household_visits_path_gist" ON "household_visits" USING gist ("path");--> statement-breakpoint
CREATE INDEX "patrol_checkins_patrol_idx" ON "patrol_checkins" USING btree ("patrol_id");--> statement-breakpoint
CREATE INDEX "patrol_checkins_grid_at_idx" ON "patrol_checkins" USING btree ("grid_id","at");--> statement-breakpoint
CREATE INDEX "patrol_findings_patrol_idx" ON "patrol_findings" USING btree ("patrol_id");--> statement-breakpoint
CREATE INDEX "patrol_findings_grid_at_idx" ON "patrol_findings" USING btree ("grid_id","at");--> statement-breakpoint
CREATE INDEX "patrols_user_started_idx" ON "patrols" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "patrols_grid_started_idx" ON "patrols" USING btree ("grid_id","started_at");--> statement-breakpoint
CREATE INDEX "patrols_path_gist" ON "patrols" USING gist ("path");