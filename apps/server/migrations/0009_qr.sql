CREATE TABLE "qr_challenges" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"nonce" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"device_id" text,
	"account_id" integer,
	"decided_at" timestamp with time zone,
	"redeemed_at" timestamp with time zone,
	CONSTRAINT "qr_challenges_status_ck" CHECK ("qr_challenges"."status" in ('pending','approved','rejected','redeemed'))
);
--> statement-breakpoint
CREATE TABLE "qr_devices" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"name" text NOT NULL,
	"public_key" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "qr_challenges" ADD CONSTRAINT "qr_challenges_device_id_qr_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."qr_devices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_challenges" ADD CONSTRAINT "qr_challenges_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_devices" ADD CONSTRAINT "qr_devices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qr_challenges_expires_idx" ON "qr_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "qr_devices_account_idx" ON "qr_devices" USING btree ("account_id");