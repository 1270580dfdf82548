/**
 * The one SQL schema (ARCHITECTURE principle 2). Migrations under apps/server/migrations are
 * generated from this file by `npm run db:generate` and reviewed before commit.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const orgs = pgTable(
  'orgs',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    type: text('type').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgs.id),
    /** Materialised path of ids, '/1/5/9/', so "this agency and all its descendants" is one prefix match. */
    path: text('path').notNull(),
    mailQuota: integer('mail_quota').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orgs_code_uq').on(t.code),
    index('orgs_parent_idx').on(t.parentId),
    index('orgs_path_idx').on(t.path),
    check('orgs_type_ck', sql`${t.type} in ('internal','external','district','school')`),
    check('orgs_quota_ck', sql`${t.mailQuota} >= 0`),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    id: serial('id').primaryKey(),
    account: text('account').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    email: text('email'),
    officePhone: text('office_phone'),
    phoneExt: text('phone_ext'),
    birthday: date('birthday', { mode: 'string' }),
    homeAddress: text('home_address'),
    workAddress: text('work_address'),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    status: text('status').notNull().default('pending'),
    /** AES-256-GCM ciphertext of the national ID number; never returned unmasked. */
    idNumberEnc: text('id_number_enc'),
    idNumberLast4: text('id_number_last4'),
    /** HMAC blind index so one ID number cannot be held by two accounts, without decrypting. */
    idNumberIndex: text('id_number_index'),
    needsOfficeMail: boolean('needs_office_mail').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    lastLoginAt: ts('last_login_at'),
    loginCount: integer('login_count').notNull().default(0),
    passwordChangedAt: ts('password_changed_at'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
  },
  (t) => [
    uniqueIndex('accounts_account_uq').on(t.account),
    uniqueIndex('accounts_id_number_uq').on(t.idNumberIndex),
    index('accounts_org_idx').on(t.orgId),
    index('accounts_name_idx').on(t.name),
    check('accounts_status_ck', sql`${t.status} in ('pending','active','disabled')`),
    check('accounts_account_ck', sql`${t.account} = lower(${t.account})`),
  ],
);

export const accountRoles = pgTable(
  'account_roles',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    grantedAt: ts('granted_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.role] }),
    index('account_roles_role_idx').on(t.role),
    check('account_roles_role_ck', sql`${t.role} in ('agency_admin','system_admin')`),
  ],
);

export const accountAvatars = pgTable('account_avatars', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  mime: text('mime').notNull(),
  data: bytea('data').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** The built-in directory's password store (ACC-6); an AD directory keeps passwords in AD instead. */
export const passwords = pgTable('passwords', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  hash: text('hash').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** SSO-8 "not one of the last 3 passwords": argon2id hashes of earlier passwords. */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('password_history_account_idx').on(t.accountId, t.createdAt)],
);

/** SSO-7 counters, keyed 'acct:<name>' (any submitted name, known or not) and 'ip:<address>'. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: ts('window_started_at').notNull().defaultNow(),
  lockedUntil: ts('locked_until'),
});

export const sessions = pgTable(
  'sessions',
  {
    /** Public id for listing and revoking; the cookie carries a different random token. */
    id: text('id').primaryKey(),
    /** SHA-256 of the cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    method: text('method').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** 'password_change' limits the session to changing the password (expired or forced). */
    restriction: text('restriction'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('sessions_token_uq').on(t.tokenHash),
    index('sessions_account_idx').on(t.accountId),
    index('sessions_expires_idx').on(t.expiresAt),
  ],
);

export const loginRecords = pgTable(
  'login_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    accountName: text('account_name').notNull(),
    method: text('method').notNull(),
    success: boolean('success').notNull(),
    reason: text('reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('login_records_account_idx').on(t.accountId, t.at), index('login_records_at_idx').on(t.at)],
);

/** X-1 audit log: append-only (a trigger in the migrations refuses UPDATE and DELETE). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    result: text('result').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorName, t.at),
    index('audit_target_idx').on(t.targetLabel, t.at),
    index('audit_action_idx').on(t.action, t.at),
    check('audit_result_ck', sql`${t.result} in ('success','failure')`),
  ],
);

/**
 * SSO-1 storage for the OIDC engine (oidc-provider's adapter models: sessions, interactions,
 * authorization codes, access and refresh tokens, grants, registered clients …), one table for
 * all models so every node sees the same state.
 */
export const oidcPayloads = pgTable(
  'oidc_payloads',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: ts('expires_at'),
    consumedAt: ts('consumed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('oidc_payloads_grant_idx').on(t.grantId),
    index('oidc_payloads_uid_idx').on(t.model, t.uid),
    index('oidc_payloads_user_code_idx').on(t.model, t.userCode),
    index('oidc_payloads_expires_idx').on(t.expiresAt),
  ],
);

/** SSO-1 signing keys: private JWKs encrypted at rest; retired keys stay published until their tokens expire. */
export const oidcKeys = pgTable(
  'oidc_keys',
  {
    kid: text('kid').primaryKey(),
    alg: text('alg').notNull(),
    jwkEnc: text('jwk_enc').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    retiredAt: ts('retired_at'),
  },
  (t) => [index('oidc_keys_created_idx').on(t.createdAt)],
);

/**
 * Links each OIDC engine session to the portal session it was signed in through, so ending the
 * portal session (logout, admin revoke, disable, reset) ends the systems' sessions too
 * (back-channel logout, SSO-1).
 */
export const oidcSessionLinks = pgTable(
  'oidc_session_links',
  {
    /** The engine session's uid (its `uid`, not the cookie id). */
    oidcUid: text('oidc_uid').primaryKey(),
    portalSessionId: text('portal_session_id').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('oidc_session_links_account_idx').on(t.accountId)],
);

/**
 * Transactional outbox: work that must happen after a commit and survive a crash (calling a
 * system's back-channel logout URI …). Written in the same transaction as the change; worked
 * off by every node with FOR UPDATE SKIP LOCKED, retried with backoff.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    doneAt: ts('done_at'),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.doneAt} is null`),
  ],
);

/** INT-1: an application registered for integration (應用系統), with APCODE and the hashed APTOKEN. */
export const integrationApps = pgTable(
  'integration_apps',
  {
    id: serial('id').primaryKey(),
    apcode: text('apcode').notNull(),
    /** SHA-256 of the APTOKEN (256 random bits, so a fast hash is enough); the token is shown once. */
    tokenHash: text('token_hash').notNull(),
    tokenRotatedAt: ts('token_rotated_at').notNull().defaultNow(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    unit: text('unit'),
    vendor: text('vendor'),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone'),
    ownerId: integer('owner_id').references(() => accounts.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('integration_apps_apcode_uq').on(t.apcode),
    index('integration_apps_owner_idx').on(t.ownerId),
    index('integration_apps_org_idx').on(t.orgId),
    check('integration_apps_status_ck', sql`${t.status} in ('active','suspended','revoked')`),
  ],
);

/**
 * INT-1/INT-2: one row per application and service (單一登入 sso, 帳號驗證 verify, 轉登 transfer,
 * 簡訊發送 sms). `request` is what was last asked for; `approved` is what is in force, so a
 * pending change never switches off a running integration.
 */
export const integrationServices = pgTable(
  'integration_services',
  {
    id: serial('id').primaryKey(),
    appId: integer('app_id')
      .notNull()
      .references(() => integrationApps.id, { onDelete: 'cascade' }),
    service: text('service').notNull(),
    status: text('status').notNull(),
    request: jsonb('request').notNull(),
    approved: jsonb('approved'),
    oidcClientId: text('oidc_client_id'),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    requestedBy: integer('requested_by').references(() => accounts.id, { onDelete: 'set null' }),
    reviewedAt: ts('reviewed_at'),
    reviewedBy: integer('reviewed_by').references(() => accounts.id, { onDelete: 'set null' }),
    reason: text('reason'),
  },
  (t) => [
    uniqueIndex('integration_services_app_service_uq').on(t.appId, t.service),
    index('integration_services_status_idx').on(t.status),
    check('integration_services_service_ck', sql`${t.service} in ('sso','verify','transfer','sms')`),
    check('integration_services_status_ck', sql`${t.status} in ('pending','approved','rejected')`),
  ],
);

/** INT-2 審核紀錄: every request and decision on a service, kept. */
export const integrationReviews = pgTable(
  'integration_reviews',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => integrationServices.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
    actorId: integer('actor_id').references(() => accounts.id, { onDelete: 'set null' }),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    reason: text('reason'),
    snapshot: jsonb('snapshot'),
  },
  (t) => [index('integration_reviews_service_idx').on(t.serviceId, t.at)],
);

/** INT-3 call statistics per application, service and day (Asia/Taipei). */
export const integrationCallStats = pgTable(
  'integration_call_stats',
  {
    appId: integer('app_id')
      .notNull()
      .references(() => integrationApps.id, { onDelete: 'cascade' }),
    service: text('service').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    calls: integer('calls').notNull().default(0),
    failures: integer('failures').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.appId, t.service, t.day] })],
);

/** SSO-3 transfer-login tickets: only the SHA-256 is stored; single use, 60 s, bound to app and user. */
export const transferTickets = pgTable(
  'transfer_tickets',
  {
    hash: text('hash').primaryKey(),
    appId: integer('app_id')
      .notNull()
      .references(() => integrationApps.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('transfer_tickets_expires_idx').on(t.expiresAt)],
);

/** PORTAL-3 系統列表: categories (行政作業, 研考便民 …). */
export const systemCategories = pgTable(
  'system_categories',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('system_categories_name_uq').on(t.name)],
);

/** PORTAL-3: a system in the launcher and how its tile opens it. */
export const systems = pgTable(
  'systems',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    categoryId: integer('category_id')
      .notNull()
      .references(() => systemCategories.id),
    /** 'link' (plain link), 'oidc' (single sign-on), 'transfer' (轉登 ticket). */
    launchMode: text('launch_mode').notNull().default('link'),
    url: text('url').notNull(),
    appId: integer('app_id').references(() => integrationApps.id, { onDelete: 'set null' }),
    enabled: boolean('enabled').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('systems_category_idx').on(t.categoryId),
    check('systems_launch_mode_ck', sql`${t.launchMode} in ('link','oidc','transfer')`),
  ],
);

/** Per-agency visibility: a system with rows here is shown only within those orgs' subtrees. */
export const systemVisibility = pgTable(
  'system_visibility',
  {
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.orgId] })],
);

/** 常用系統: a person's favourites, in their chosen order. */
export const systemFavourites = pgTable(
  'system_favourites',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    systemId: integer('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.systemId] })],
);

/** SSO-5 動態驗證碼: one authenticator app per account; the secret encrypted; a step is accepted once. */
export const totpCredentials = pgTable('totp_credentials', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  secretEnc: text('secret_enc').notNull(),
  /** Null while the binding awaits its confirming code. */
  confirmedAt: ts('confirmed_at'),
  /** The last accepted 30-second step: a code is accepted once, and never an older one. */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }).notNull().default(0),
  lastUsedAt: ts('last_used_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** SSO-5 recovery codes: ten per binding, single use, stored as HMACs. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('recovery_codes_hash_uq').on(t.accountId, t.codeHash)],
);

/** SSO-5 備用信箱: a backup address (not the official mailbox) for 臨時密碼 sign-in and recovery. */
export const backupEmails = pgTable(
  'backup_emails',
  {
    accountId: integer('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    boundAt: ts('bound_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('backup_emails_email_uq').on(sql`lower(${t.email})`)],
);

/**
 * One-time codes sent by e-mail (binding a backup address, 臨時密碼 sign-in, 開通帳號 and 忘記密碼): only an HMAC kept,
 * 10 minutes, single use, a few attempts.
 */
export const emailCodes = pgTable(
  'email_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    index('email_codes_account_idx').on(t.accountId, t.purpose, t.createdAt),
    index('email_codes_expires_idx').on(t.expiresAt),
    check('email_codes_purpose_ck', sql`${t.purpose} in ('bind','temp_password','activate','reset')`),
  ],
);

// ---- twfido ----

/**
 * 行動自然人憑證 sign-in in progress: one row a push, reached only through the browser's handle
 * (stored as its SHA-256) together with the browser's binding cookie (also hashed). account_id is
 * null when no account has the ID number: then nothing is pushed and the row simply expires.
 */
export const mobileMoicaTransactions = pgTable(
  'mobile_moica_transactions',
  {
    handleHash: text('handle_hash').primaryKey(),
    browserHash: text('browser_hash').notNull(),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    /** The ID number as submitted, encrypted with the ID-number cipher (checked against hashed_id_num). */
    idNumberEnc: text('id_number_enc'),
    /** TW FidO's transaction_id (a UUID we chose) and its sp_ticket_id once the push is accepted. */
    twfidoTransactionId: text('twfido_transaction_id').notNull(),
    spTicketId: text('sp_ticket_id'),
    /** base64 of the bytes the person's certificate must sign. */
    challenge: text('challenge').notNull(),
    /**
     * sending → pending → rejected / expired / failed; unsent: the push failed (looks pending, then
     * expired). approved: only for activate/reset — the person proved who they are; the row is the
     * recovery ticket until 設定密碼 deletes it (expiresAt is then the ticket's end).
     */
    status: text('status').notNull(),
    /** login (SSO-5 sign-in) or SSO-9 activate / reset (identity for 開通帳號 / 忘記密碼). */
    purpose: text('purpose').notNull().default('login'),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    /** TW FidO is asked again no earlier than this. */
    nextPollAt: ts('next_poll_at').notNull(),
  },
  (t) => [
    index('mobile_moica_transactions_expires_idx').on(t.expiresAt),
    check(
      'mobile_moica_transactions_status_ck',
      sql`${t.status} in ('sending','pending','unsent','rejected','expired','failed','approved')`,
    ),
    check('mobile_moica_transactions_purpose_ck', sql`${t.purpose} in ('login','activate','reset')`),
  ],
);

// ---- sms ----

/** SSO-5 簡訊: an account's confirmed mobile number, encrypted at rest (SecretBox), masked in clear. */
export const smsNumbers = pgTable('sms_numbers', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  phoneEnc: text('phone_enc').notNull(),
  phoneMasked: text('phone_masked').notNull(),
  boundAt: ts('bound_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
});

/**
 * One-time codes sent by text message (binding a number, SMS sign-in, the second step): only an
 * HMAC kept, 5 minutes, single use, 5 attempts. A binding code carries the number it confirms.
 */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    index('sms_codes_account_idx').on(t.accountId, t.purpose, t.createdAt),
    index('sms_codes_expires_idx').on(t.expiresAt),
    check('sms_codes_purpose_ck', sql`${t.purpose} in ('bind','login','mfa')`),
  ],
);

/**
 * Every text message, sent by the outbox worker through the configured provider. The number is
 * encrypted; the body is readable only for the development `log` provider (administrators read
 * it in 簡訊發送紀錄) — for a real provider it is kept encrypted until sent, then erased.
 */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    purpose: text('purpose').notNull(),
    provider: text('provider').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    body: text('body'),
    bodyEnc: text('body_enc'),
    /** Sent as Mitake's clientid: a retry of the same message is recognised (Duplicate=Y). */
    clientId: text('client_id').notNull(),
    status: text('status').notNull().default('queued'),
    providerMessageId: text('provider_message_id'),
    errorCode: text('error_code'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    uniqueIndex('sms_messages_client_id_uq').on(t.clientId),
    index('sms_messages_created_idx').on(t.createdAt),
    check('sms_messages_status_ck', sql`${t.status} in ('queued','sent','failed')`),
  ],
);

// ---- qr ----
/** SSO-5 手機掃碼登入: a phone's device key (ECDSA P-256, created with WebCrypto; only the public JWK kept). */
export const qrDevices = pgTable(
  'qr_devices',
  {
    id: text('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    publicKey: jsonb('public_key').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [index('qr_devices_account_idx').on(t.accountId)],
);

/**
 * A desktop's one-time sign-in challenge: only hashes of its id (in the QR) and its secret (in
 * the desktop's cookie) are kept; 2 minutes; decided once by a bound phone, redeemed once.
 */
export const qrChallenges = pgTable(
  'qr_challenges',
  {
    idHash: text('id_hash').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    /** Signed by the phone with the decision. */
    nonce: text('nonce').notNull(),
    status: text('status').notNull().default('pending'),
    /** Who asks (shown on the phone). */
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    deviceId: text('device_id').references(() => qrDevices.id, { onDelete: 'set null' }),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    decidedAt: ts('decided_at'),
    redeemedAt: ts('redeemed_at'),
  },
  (t) => [
    index('qr_challenges_expires_idx').on(t.expiresAt),
    check('qr_challenges_status_ck', sql`${t.status} in ('pending','approved','rejected','redeemed')`),
  ],
);

// ---- moica ----

/**
 * SSO-5 實體自然人憑證 bindings: one certificate (issuer key id + serial, and its SHA-256
 * fingerprint) binds one account; an account may bind several (a renewed card).
 */
export const moicaBindings = pgTable(
  'moica_bindings',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    issuerKeyId: text('issuer_key_id').notNull(),
    serialNumber: text('serial_number').notNull(),
    fingerprint: text('fingerprint').notNull(),
    subjectCn: text('subject_cn').notNull(),
    cardSerial: text('card_serial'),
    notAfter: ts('not_after').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [
    uniqueIndex('moica_bindings_fingerprint_uq').on(t.fingerprint),
    uniqueIndex('moica_bindings_cert_uq').on(t.issuerKeyId, t.serialNumber),
    index('moica_bindings_account_idx').on(t.accountId),
  ],
);

/**
 * Challenges the card signs: the id is the browser's secret (only its SHA-256 kept), the
 * challenge is kept as SHA-256 too; single use, 5 minutes.
 */
export const moicaChallenges = pgTable(
  'moica_challenges',
  {
    idHash: text('id_hash').primaryKey(),
    challengeHash: text('challenge_hash').notNull(),
    purpose: text('purpose').notNull(),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [
    index('moica_challenges_expires_idx').on(t.expiresAt),
    check('moica_challenges_purpose_ck', sql`${t.purpose} in ('login','bind')`),
  ],
);

// ---- passkey ----

/**
 * 通行金鑰: the WebAuthn user handle of an account — random and opaque (never the account id or
 * name), the same for all its passkeys, made at the first registration.
 */
export const passkeyUsers = pgTable(
  'passkey_users',
  {
    accountId: integer('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userHandle: text('user_handle').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('passkey_users_handle_uq').on(t.userHandle)],
);

/** 通行金鑰: several per account, each a public key with its signature counter. */
export const passkeys = pgTable(
  'passkeys',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** base64url credential id, as the browser sends it back. */
    credentialId: text('credential_id').notNull(),
    /** COSE public key. */
    publicKey: bytea('public_key').notNull(),
    /** The authenticator's signature counter (0 = it keeps none, as synced passkeys do). */
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    /** 'singleDevice' | 'multiDevice' (synced). */
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull(),
    aaguid: text('aaguid'),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [
    uniqueIndex('passkeys_credential_uq').on(t.credentialId),
    index('passkeys_account_idx').on(t.accountId),
    check('passkeys_device_type_ck', sql`${t.deviceType} in ('singleDevice','multiDevice')`),
  ],
);

/**
 * WebAuthn challenges, single use (deleted when used) and short-lived: registration ones bound to
 * the session that asked, sign-in ones to a random id held in a cookie (only its hash kept),
 * second-step ones ('mfa') to the MFA-pending session's account.
 */
export const passkeyChallenges = pgTable(
  'passkey_challenges',
  {
    id: text('id').primaryKey(),
    purpose: text('purpose').notNull(),
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    sessionId: text('session_id'),
    challenge: text('challenge').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [
    index('passkey_challenges_expires_idx').on(t.expiresAt),
    check('passkey_challenges_purpose_ck', sql`${t.purpose} in ('register','login','mfa')`),
  ],
);
