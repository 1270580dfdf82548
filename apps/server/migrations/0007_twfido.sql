CREATE TABLE "mobile_moica_transactions" (
	"handle_hash" text PRIMARY KEY NOT NULL,
	"browser_hash" text NOT NULL,
	"account_id" integer,
	"id_number_enc" text,
	"twfido_transaction_id" text NOT NULL,
	"sp_ticket_id" text,
	"challenge" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"next_poll_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mobile_moica_transactions_status_ck" CHECK ("mobile_moica_transactions"."status" in ('sending','pending','unsent','rejected','expired','failed'))
);
--> statement-breakpoint
ALTER TABLE "mobile_moica_transactions" ADD CONSTRAINT "mobile_moica_transactions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mobile_moica_transactions_expires_idx" ON "mobile_moica_transactions" USING btree ("expires_at");