CREATE TABLE "party_activities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"title" text NOT NULL,
	"category" text,
	"place" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"capacity" bigint,
	"planned_hours" double precision DEFAULT 2 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_attendance" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"held_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_cadres" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"person_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"from_organ" text,
	"since" date,
	"until" date,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "party_contact_groups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"member_id" bigint NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"household_ids" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_courses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"mode" text NOT NULL,
	"material_url" text,
	"hours" double precision DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_dual_registrations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"community_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"organ_name" text,
	"member_id" bigint,
	"registered_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_member_units" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"contact" text,
	"joined_on" date
);
--> statement-breakpoint
CREATE TABLE "party_members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"member_class" text NOT NULL,
	"status" text DEFAULT 'full' NOT NULL,
	"joined_on" date,
	"home_grid_id" bigint,
	"work_unit" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_orgs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"parent_id" bigint,
	"org_path" "ltree" NOT NULL,
	"unit_id" bigint NOT NULL,
	"estate_id" bigint,
	"building_id" bigint,
	"industry" text,
	"path" "ltree" NOT NULL,
	"secretary_name" text,
	"secretary_member_id" bigint,
	"secretary_grade" text,
	"rating" text,
	"committee" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_point_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"rule_id" bigint,
	"points" double precision NOT NULL,
	"reason" text,
	"occurred_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_by" bigint,
	"decided_by" bigint,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "party_point_rules" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"points" double precision NOT NULL,
	"unit_id" bigint,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_post_members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"post_id" bigint NOT NULL,
	"member_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_posts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"org_id" bigint,
	"grid_id" bigint,
	"path" "ltree" NOT NULL,
	"duty" text
);
--> statement-breakpoint
CREATE TABLE "party_recruits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"stage" text NOT NULL,
	"stage_dates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"member_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"course_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"held_on" date NOT NULL,
	"place" text
);
--> statement-breakpoint
CREATE TABLE "party_signups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"signed_up_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_in_at" timestamp with time zone,
	"hours" double precision DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_transfers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"from_org_id" bigint,
	"to_org_id" bigint NOT NULL,
	"on" date NOT NULL,
	"reason" text,
	"actor_id" bigint
);
--> statement-breakpoint
CREATE TABLE "party_visits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"group_id" bigint NOT NULL,
	"household_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"visited_on" date NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "party_activities" ADD CONSTRAINT "party_activities_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_attendance" ADD CONSTRAINT "party_attendance_session_id_party_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."party_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_attendance" ADD CONSTRAINT "party_attendance_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_cadres" ADD CONSTRAINT "party_cadres_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_cadres" ADD CONSTRAINT "party_cadres_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_contact_groups" ADD CONSTRAINT "party_contact_groups_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_contact_groups" ADD CONSTRAINT "party_contact_groups_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_dual_registrations" ADD CONSTRAINT "party_dual_registrations_community_id_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_dual_registrations" ADD CONSTRAINT "party_dual_registrations_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_member_units" ADD CONSTRAINT "party_member_units_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_home_grid_id_units_id_fk" FOREIGN KEY ("home_grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_point_entries" ADD CONSTRAINT "party_point_entries_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_point_entries" ADD CONSTRAINT "party_point_entries_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_point_entries" ADD CONSTRAINT "party_point_entries_rule_id_party_point_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."party_point_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_point_entries" ADD CONSTRAINT "party_point_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_point_entries" ADD CONSTRAINT "party_point_entries_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_point_rules" ADD CONSTRAINT "party_point_rules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_post_members" ADD CONSTRAINT "party_post_members_post_id_party_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."party_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_post_members" ADD CONSTRAINT "party_post_members_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_posts" ADD CONSTRAINT "party_posts_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_posts" ADD CONSTRAINT "party_posts_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_recruits" ADD CONSTRAINT "party_recruits_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_recruits" ADD CONSTRAINT "party_recruits_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_recruits" ADD CONSTRAINT "party_recruits_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_sessions" ADD CONSTRAINT "party_sessions_course_id_party_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."party_courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_sessions" ADD CONSTRAINT "party_sessions_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_signups" ADD CONSTRAINT "party_signups_activity_id_party_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."party_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_signups" ADD CONSTRAINT "party_signups_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_transfers" ADD CONSTRAINT "party_transfers_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_transfers" ADD CONSTRAINT "party_transfers_from_org_id_party_orgs_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_transfers" ADD CONSTRAINT "party_transfers_to_org_id_party_orgs_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_transfers" ADD CONSTRAINT "party_transfers_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_visits" ADD CONSTRAINT "party_visits_group_id_party_contact_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."party_contact_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_visits" ADD CONSTRAINT "party_visits_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_visits" ADD CONSTRAINT "party_visits_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_activities_path_gist" ON "party_activities" USING gist ("path");--> statement-breakpoint
CREATE UNIQUE INDEX "party_attendance_uq" ON "party_attendance" USING btree ("session_id","member_id");--> statement-breakpoint
CREATE INDEX "party_attendance_member_idx" ON "party_attendance" USING btree ("member_id","held_on");--> statement-breakpoint
CREATE INDEX "party_cadres_path_gist" ON "party_cadres" USING gist ("path");--> statement-breakpoint
CREATE INDEX "party_contact_groups_path_gist" ON "party_contact_groups" USING gist ("path");--> statement-breakpoint
CREATE INDEX "party_dual_path_gist" ON "party_dual_registrations" USING gist ("path");--> statement-breakpoint
CREATE UNIQUE INDEX "party_dual_member_uq" ON "party_dual_registrations" USING btree ("member_id") WHERE member_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "party_member_units_org_idx" ON "party_member_units" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_members_person_uq" ON "party_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "party_members_org_idx" ON "party_members" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "party_members_path_gist" ON "party_members" USING gist ("path");--> statement-breakpoint
CREATE INDEX "party_members_home_grid_idx" ON "party_members" USING btree ("home_grid_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_orgs_code_uq" ON "party_orgs" USING btree ("code");--> statement-breakpoint
CREATE INDEX "party_orgs_path_gist" ON "party_orgs" USING gist ("path");--> statement-breakpoint
CREATE INDEX "party_orgs_org_path_gist" ON "party_orgs" USING gist ("org_path");--> statement-breakpoint
CREATE INDEX "party_orgs_unit_idx" ON "party_orgs" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "party_orgs_estate_idx" ON "party_orgs" USING btree ("estate_id");--> statement-breakpoint
CREATE INDEX "party_orgs_building_idx" ON "party_orgs" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "party_points_path_gist" ON "party_point_entries" USING gist ("path");--> statement-breakpoint
CREATE INDEX "party_points_member_idx" ON "party_point_entries" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_post_members_uq" ON "party_post_members" USING btree ("post_id","member_id");--> statement-breakpoint
CREATE INDEX "party_posts_path_gist" ON "party_posts" USING gist ("path");--> statement-breakpoint
CREATE INDEX "party_recruits_path_gist" ON "party_recruits" USING gist ("path");--> statement-breakpoint
CREATE INDEX "party_recruits_org_idx" ON "party_recruits" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "party_sessions_path_gist" ON "party_sessions" USING gist ("path");--> statement-breakpoint
CREATE UNIQUE INDEX "party_signups_uq" ON "party_signups" USING btree ("activity_id","member_id");--> statement-breakpoint
CREATE INDEX "party_signups_member_idx" ON "party_signups" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "party_transfers_member_idx" ON "party_transfers" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "party_visits_group_idx" ON "party_visits" USING btree ("group_id");