-- Sign-in throttle per (username, client address), which also remembers the addresses an account signed in from.
-- The old per-username counters are short-lived state: they are dropped, not carried over.
DROP TABLE "login_throttle";
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"username" text NOT NULL,
	"address" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone,
	"signed_in_at" timestamp with time zone,
	CONSTRAINT "login_throttle_username_address_pk" PRIMARY KEY("username","address")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_windows" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotline_form_tokens" (
	"nonce" text PRIMARY KEY NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
