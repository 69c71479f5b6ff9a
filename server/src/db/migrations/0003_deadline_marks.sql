CREATE TABLE "deadline_marks" (
	"case_id" bigint NOT NULL,
	"dispatch_id" bigint DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"level" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "deadline_marks_case_id_dispatch_id_kind_due_at_level_pk" PRIMARY KEY("case_id","dispatch_id","kind","due_at","level")
);
