CREATE TABLE "buildings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"address" text,
	"estate_id" bigint,
	"grid_id" bigint NOT NULL,
	"cell_id" bigint,
	"path" "ltree" NOT NULL,
	"floors" integer,
	"location" geometry(Point,4326) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "estates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"property_company" text,
	"location" geometry(Point,4326) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_layouts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_id" bigint NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"note" text,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_moves" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"layout_id" bigint NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"from_grid_id" bigint,
	"to_grid_id" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_types" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"category" text NOT NULL,
	"color" text DEFAULT '#1677ff' NOT NULL,
	"duties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"admission" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "grid_types_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "key_sites" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"grid_id" bigint NOT NULL,
	"cell_id" bigint,
	"path" "ltree" NOT NULL,
	"address" text,
	"location" geometry(Point,4326) NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stairways" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"building_id" bigint NOT NULL,
	"name" text NOT NULL,
	"lead_person_id" bigint
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"parent_id" bigint,
	"kind" text NOT NULL,
	"subkind" text,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"path" "ltree" NOT NULL,
	"grid_kind" text,
	"dedicated_type" text,
	"grid_type_id" bigint,
	"layout_id" bigint,
	"geom" geometry(MultiPolygon,4326),
	"area_m2" double precision,
	"profile" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"valid_from" timestamp with time zone DEFAULT '2000-01-01T00:00:00Z' NOT NULL,
	"valid_to" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"unit_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"phone" text,
	CONSTRAINT "departments_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "grid_staff" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"user_id" bigint,
	"phone_enc" text,
	"phone_masked" text,
	"active" boolean DEFAULT true NOT NULL,
	"since" date
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"building_id" bigint,
	"stairway_id" bigint,
	"room" text,
	"address" text NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"head_person_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"ethnicity" text,
	"household_id" bigint,
	"relation_to_head" text,
	"grid_id" bigint,
	"path" "ltree",
	"category" text DEFAULT 'registered' NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"overseas_chinese_family" boolean DEFAULT false NOT NULL,
	"overseas_relatives" text,
	"id_enc" text,
	"id_bidx" text,
	"id_masked" text,
	"phone_enc" text,
	"phone_bidx" text,
	"phone_masked" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"home_unit_id" bigint,
	"department_id" bigint,
	"person_id" bigint,
	"phone_enc" text,
	"phone_masked" text,
	"active" boolean DEFAULT true NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" bigint,
	"actor_name" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"unit_path" "ltree",
	"before" jsonb,
	"after" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tracking_no" text NOT NULL,
	"title" text NOT NULL,
	"state" text NOT NULL,
	"grid_id" bigint,
	"cell_id" bigint,
	"path" "ltree",
	"location" geometry(Point,4326),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "cases_tracking_no_unique" UNIQUE("tracking_no")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_cell_id_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estates" ADD CONSTRAINT "estates_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_moves" ADD CONSTRAINT "grid_moves_layout_id_grid_layouts_id_fk" FOREIGN KEY ("layout_id") REFERENCES "public"."grid_layouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_sites" ADD CONSTRAINT "key_sites_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_sites" ADD CONSTRAINT "key_sites_cell_id_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stairways" ADD CONSTRAINT "stairways_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_grid_type_id_grid_types_id_fk" FOREIGN KEY ("grid_type_id") REFERENCES "public"."grid_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_layout_id_grid_layouts_id_fk" FOREIGN KEY ("layout_id") REFERENCES "public"."grid_layouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_staff" ADD CONSTRAINT "grid_staff_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_staff" ADD CONSTRAINT "grid_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_stairway_id_stairways_id_fk" FOREIGN KEY ("stairway_id") REFERENCES "public"."stairways"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_home_unit_id_units_id_fk" FOREIGN KEY ("home_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_cell_id_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "buildings_path_gist" ON "buildings" USING gist ("path");--> statement-breakpoint
CREATE INDEX "buildings_grid_idx" ON "buildings" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "buildings_loc_gist" ON "buildings" USING gist ("location");--> statement-breakpoint
CREATE INDEX "estates_path_gist" ON "estates" USING gist ("path");--> statement-breakpoint
CREATE INDEX "estates_loc_gist" ON "estates" USING gist ("location");--> statement-breakpoint
CREATE INDEX "grid_moves_layout_idx" ON "grid_moves" USING btree ("layout_id");--> statement-breakpoint
CREATE INDEX "grid_moves_from_idx" ON "grid_moves" USING btree ("from_grid_id");--> statement-breakpoint
CREATE INDEX "key_sites_path_gist" ON "key_sites" USING gist ("path");--> statement-breakpoint
CREATE INDEX "key_sites_grid_idx" ON "key_sites" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "key_sites_loc_gist" ON "key_sites" USING gist ("location");--> statement-breakpoint
CREATE INDEX "stairways_building_idx" ON "stairways" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "units_path_gist" ON "units" USING gist ("path");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "units_kind_code_idx" ON "units" USING btree ("kind","code");--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_current_uq" ON "units" USING btree ("kind","code") WHERE valid_to IS NULL;--> statement-breakpoint
CREATE INDEX "units_grid_geom_gist" ON "units" USING gist ("geom") WHERE kind = 'grid';--> statement-breakpoint
CREATE INDEX "units_cell_geom_gist" ON "units" USING gist ("geom") WHERE kind = 'cell';--> statement-breakpoint
CREATE INDEX "units_geom_gist" ON "units" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "grid_staff_grid_idx" ON "grid_staff" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "grid_staff_path_gist" ON "grid_staff" USING gist ("path");--> statement-breakpoint
CREATE INDEX "households_path_gist" ON "households" USING gist ("path");--> statement-breakpoint
CREATE INDEX "households_building_idx" ON "households" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "persons_path_gist" ON "persons" USING gist ("path");--> statement-breakpoint
CREATE INDEX "persons_household_idx" ON "persons" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_id_bidx_uq" ON "persons" USING btree ("id_bidx");--> statement-breakpoint
CREATE INDEX "persons_phone_bidx_idx" ON "persons" USING btree ("phone_bidx");--> statement-breakpoint
CREATE INDEX "persons_name_idx" ON "persons" USING btree ("name");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "users_home_unit_idx" ON "users" USING btree ("home_unit_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_path_gist" ON "audit_events" USING gist ("unit_path");--> statement-breakpoint
CREATE INDEX "cases_path_gist" ON "cases" USING gist ("path");--> statement-breakpoint
CREATE INDEX "cases_grid_idx" ON "cases" USING btree ("grid_id");