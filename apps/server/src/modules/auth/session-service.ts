/**
 * Server-side sessions (ASVS V3). The cookie holds a 256-bit random token; only its SHA-256
 * is stored, so a database leak yields no usable sessions. A new token is issued at every
 * login (no fixation), idle and absolute lifetimes are enforced on every request, and the
 * CSRF token is an HMAC of the session id, so it needs no storage and dies with the session.
 */
import crypto from 'node:crypto';
import type { Role } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import {
  activeSessionsOf,
  clearRestriction,
  findSessionByTokenHash,
  insertSession,
  revokeAllForAccount,
  revokeByTokenHash,
  revokeSessionRow,
  touchSession,
} from './session-store.ts';
import type { Executor } from '../../platform/db/client.ts';
import { enqueuePortalLogout } from '../oidc/logout.ts';
import type { AccountWithOrg } from '../accounts/store.ts';

/** 'password_change': may only change the password; 'mfa': may only complete the second step. */
export type Restriction = 'password_change' | 'mfa' | null;

export interface AuthContext {
  sessionId: string;
  accountId: number;
  account: string;
  name: string;
  orgId: number;
  orgPath: string;
  roles: Role[];
  restriction: Restriction;
  csrfToken: string;
  /** The account as loaded with the session (read-only snapshot for this request). */
  profile: AccountWithOrg;
  /** When this session signed in, and how (OIDC auth_time and amr). */
  sessionCreatedAt: Date;
  method: string;
}

/** Skip rewriting last_seen_at more often than this: one write per minute, not per request. */
const TOUCH_EVERY_MS = 60_000;

export function csrfTokenFor(ctx: Pick<Ctx, 'keys'>, sessionId: string): string {
  return crypto.createHmac('sha256', ctx.keys.csrf).update(sessionId).digest('base64url');
}

export interface NewSession {
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  /** The unexecuted insert: await it, or compose it into one statement with writeAll. */
  insert: ReturnType<typeof insertSession>;
}

/** Mints a session (token, id, CSRF token) and prepares its insert. */
export function newSession(
  ctx: Ctx,
  exec: Executor,
  input: { accountId: number; method: string; ip: string | null; userAgent: string | null; restriction: Restriction },
): NewSession {
  const now = ctx.clock.now();
  const token = randomToken(32);
  const sessionId = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + ctx.config.session.absoluteMs);
  const insert = insertSession(exec, {
    id: sessionId,
    tokenHash: sha256(token),
    accountId: input.accountId,
    method: input.method,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
    restriction: input.restriction,
  });
  return { token, sessionId, csrfToken: csrfTokenFor(ctx, sessionId), expiresAt, insert };
}

export async function resolveSession(ctx: Ctx, token: string): Promise<AuthContext | null> {
  if (!token || token.length > 100) return null;
  const row = await findSessionByTokenHash(ctx.db, sha256(token));
  if (!row) return null;
  const now = ctx.clock.now();
  const s = row.s;
  if (s.revokedAt) return null;
  if (s.expiresAt <= now) return null;
  if (s.lastSeenAt.getTime() + ctx.config.session.idleMs <= now.getTime()) return null;
  const a = row.account;
  if (a.status !== 'active') return null; // disabled accounts are signed out at once (SSO-11)
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(ctx.db, s.id, now);
  return {
    sessionId: s.id,
    accountId: s.accountId,
    account: a.account,
    name: a.name,
    orgId: a.orgId,
    orgPath: a.orgPath,
    roles: ['user', ...(a.roles as Role[])],
    restriction: (s.restriction as Restriction) ?? null,
    csrfToken: csrfTokenFor(ctx, s.id),
    profile: a,
    sessionCreatedAt: s.createdAt,
    method: s.method,
  };
}

/**
 * Ends a portal session; the systems signed in through it are logged out after the commit
 * (back-channel logout via the outbox, modules/oidc/logout.ts).
 */
export async function revokeSession(ctx: Ctx, exec: Executor, sessionId: string, ownerId: number | null) {
  const rows = await revokeSessionRow(exec, sessionId, ownerId, ctx.clock.now());
  if (rows[0]) await enqueuePortalLogout(ctx, exec, rows[0].accountId);
  return rows.length > 0;
}

/** Session rotation at login: the token the browser held before stops working, whoever it belonged to (unexecuted query). */
export function revokeSessionByToken(ctx: Ctx, exec: Executor, token: string) {
  return revokeByTokenHash(exec, sha256(token.slice(0, 100)), ctx.clock.now());
}

export async function revokeAllSessions(ctx: Ctx, exec: Executor, accountId: number, exceptId?: string) {
  const n = (await revokeAllForAccount(exec, accountId, ctx.clock.now(), exceptId)).length;
  // Also when no portal session was live: systems may still hold sessions from an earlier one.
  await enqueuePortalLogout(ctx, exec, accountId);
  return n;
}

export async function listSessions(ctx: Ctx, accountId: number) {
  return activeSessionsOf(ctx.db, accountId, ctx.clock.now(), ctx.config.session.idleMs);
}

export async function liftRestriction(exec: Executor, sessionId: string): Promise<void> {
  await clearRestriction(exec, sessionId);
}
