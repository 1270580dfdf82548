CREATE TABLE "integration_apps" (
	"id" serial PRIMARY KEY NOT NULL,
	"apcode" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"org_id" integer NOT NULL,
	"unit" text,
	"vendor" text,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"owner_id" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_apps_status_ck" CHECK ("integration_apps"."status" in ('active','suspended','revoked'))
);
--> statement-breakpoint
CREATE TABLE "integration_call_stats" (
	"app_id" integer NOT NULL,
	"service" text NOT NULL,
	"day" date NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "integration_call_stats_app_id_service_day_pk" PRIMARY KEY("app_id","service","day")
);
--> statement-breakpoint
CREATE TABLE "integration_reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"actor_name" text,
	"action" text NOT NULL,
	"reason" text,
	"snapshot" jsonb
);
--> statement-breakpoint
CREATE TABLE "integration_services" (
	"id" serial PRIMARY KEY NOT NULL,
	"app_id" integer NOT NULL,
	"service" text NOT NULL,
	"status" text NOT NULL,
	"request" jsonb NOT NULL,
	"approved" jsonb,
	"oidc_client_id" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_by" integer,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" integer,
	"reason" text,
	CONSTRAINT "integration_services_service_ck" CHECK ("integration_services"."service" in ('sso','verify','transfer','sms')),
	CONSTRAINT "integration_services_status_ck" CHECK ("integration_services"."status" in ('pending','approved','rejected'))
);
--> statement-breakpoint
CREATE TABLE "oidc_session_links" (
	"oidc_uid" text PRIMARY KEY NOT NULL,
	"portal_session_id" text NOT NULL,
	"account_id" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "system_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_favourites" (
	"account_id" integer NOT NULL,
	"system_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "system_favourites_account_id_system_id_pk" PRIMARY KEY("account_id","system_id")
);
--> statement-breakpoint
CREATE TABLE "system_visibility" (
	"system_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	CONSTRAINT "system_visibility_system_id_org_id_pk" PRIMARY KEY("system_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"category_id" integer NOT NULL,
	"launch_mode" text DEFAULT 'link' NOT NULL,
	"url" text NOT NULL,
	"app_id" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "systems_launch_mode_ck" CHECK ("systems"."launch_mode" in ('link','oidc','transfer'))
);
--> statement-breakpoint
CREATE TABLE "transfer_tickets" (
	"hash" text PRIMARY KEY NOT NULL,
	"app_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "integration_apps" ADD CONSTRAINT "integration_apps_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_apps" ADD CONSTRAINT "integration_apps_owner_id_accounts_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_call_stats" ADD CONSTRAINT "integration_call_stats_app_id_integration_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."integration_apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_reviews" ADD CONSTRAINT "integration_reviews_service_id_integration_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."integration_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_reviews" ADD CONSTRAINT "integration_reviews_actor_id_accounts_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_services" ADD CONSTRAINT "integration_services_app_id_integration_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."integration_apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_services" ADD CONSTRAINT "integration_services_requested_by_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_services" ADD CONSTRAINT "integration_services_reviewed_by_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_session_links" ADD CONSTRAINT "oidc_session_links_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_favourites" ADD CONSTRAINT "system_favourites_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_favourites" ADD CONSTRAINT "system_favourites_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_visibility" ADD CONSTRAINT "system_visibility_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_visibility" ADD CONSTRAINT "system_visibility_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_category_id_system_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."system_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "systems" ADD CONSTRAINT "systems_app_id_integration_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."integration_apps"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_tickets" ADD CONSTRAINT "transfer_tickets_app_id_integration_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."integration_apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_tickets" ADD CONSTRAINT "transfer_tickets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "integration_apps_apcode_uq" ON "integration_apps" USING btree ("apcode");--> statement-breakpoint
CREATE INDEX "integration_apps_owner_idx" ON "integration_apps" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "integration_apps_org_idx" ON "integration_apps" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "integration_reviews_service_idx" ON "integration_reviews" USING btree ("service_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "integration_services_app_service_uq" ON "integration_services" USING btree ("app_id","service");--> statement-breakpoint
CREATE INDEX "integration_services_status_idx" ON "integration_services" USING btree ("status");--> statement-breakpoint
CREATE INDEX "oidc_session_links_account_idx" ON "oidc_session_links" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."done_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "system_categories_name_uq" ON "system_categories" USING btree ("name");--> statement-breakpoint
CREATE INDEX "systems_category_idx" ON "systems" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "transfer_tickets_expires_idx" ON "transfer_tickets" USING btree ("expires_at");