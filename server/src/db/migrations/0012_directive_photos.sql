CREATE TABLE "directive_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"directive_id" bigint NOT NULL,
	"grid_id" bigint NOT NULL,
	"path" "ltree" NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"thumb" "bytea" NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directive_photos" ADD CONSTRAINT "directive_photos_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_photos" ADD CONSTRAINT "directive_photos_grid_id_units_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_photos" ADD CONSTRAINT "directive_photos_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directive_photos_directive_grid_idx" ON "directive_photos" USING btree ("directive_id","grid_id");