CREATE TABLE "moica_bindings" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"issuer_key_id" text NOT NULL,
	"serial_number" text NOT NULL,
	"fingerprint" text NOT NULL,
	"subject_cn" text NOT NULL,
	"card_serial" text,
	"not_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "moica_challenges" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"challenge_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "moica_challenges_purpose_ck" CHECK ("moica_challenges"."purpose" in ('login','bind'))
);
--> statement-breakpoint
ALTER TABLE "moica_bindings" ADD CONSTRAINT "moica_bindings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moica_challenges" ADD CONSTRAINT "moica_challenges_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "moica_bindings_fingerprint_uq" ON "moica_bindings" USING btree ("fingerprint");--> statement-breakpoint
CREATE UNIQUE INDEX "moica_bindings_cert_uq" ON "moica_bindings" USING btree ("issuer_key_id","serial_number");--> statement-breakpoint
CREATE INDEX "moica_bindings_account_idx" ON "moica_bindings" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "moica_challenges_expires_idx" ON "moica_challenges" USING btree ("expires_at");