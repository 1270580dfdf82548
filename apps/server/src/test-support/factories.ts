/**
 * Factories: build organisations and accounts through the real services, and sign in
 * through the real HTTP endpoint, so tests arrange data the way the product creates it.
 */
import crypto from 'node:crypto';
import { isValidTaiwanId, type OrgType, type Role, type Service, type ServiceRequest } from '@menhu/contracts';
import type { Actor } from '../platform/context.ts';
import { changeRole, changeStatus, createAccount } from '../modules/accounts/service.ts';
import { setPassword } from '../modules/credentials/service.ts';
import { findAccountById, updateAccountRow } from '../modules/accounts/store.ts';
import { createOrg } from '../modules/orgs/service.ts';
import { registerApp } from '../modules/integrations/apps-service.ts';
import { requestService, reviewService } from '../modules/integrations/review-service.ts';
import type { Harness } from './harness.ts';

export const SYSTEM: Actor = { accountId: null, account: 'test', ip: '127.0.0.1', userAgent: 'test' };
const ROOT = { accountId: 0, orgPath: '/', roles: ['user', 'system_admin'] as Role[] };
/**
 * No three letters or digits in a row, so it can never contain three consecutive characters
 * of a generated account name (which would fail the SSO-8 policy at random).
 */
export const PASSWORD = 'Pa!5w#R7%q';

/** Further policy-compliant passwords, distinct per `n` (0–9), built the same way as PASSWORD. */
export const otherPassword = (n: number): string => `Q${n}!x#W${n}%z`;

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}${crypto.randomBytes(2).toString('hex')}`;

let idSeq = 0;
/** A national ID number with a valid checksum that no other call in this process returns. */
export function taiwanId(letter = 'A', sex: 1 | 2 = 1): string {
  idSeq++;
  const body = `${letter}${sex}${String(idSeq).padStart(7, '0')}`;
  for (let check = 0; check < 10; check++) if (isValidTaiwanId(body + check)) return body + check;
  throw new Error(`no check digit for ${body}`);
}

export async function makeOrg(
  h: Harness,
  opts: { parentId?: number | null; type?: OrgType; name?: string; code?: string } = {},
) {
  const code = opts.code ?? `T${unique()}`.slice(0, 20).toUpperCase();
  return createOrg(
    h.ctx,
    {
      code,
      name: opts.name ?? `測試機關${code}`,
      shortName: opts.name ?? `測試${code}`.slice(0, 20),
      type: opts.type ?? 'internal',
      parentId: opts.parentId ?? null,
      mailQuota: 5,
    },
    SYSTEM,
  );
}

export interface TestAccount {
  id: number;
  account: string;
  password: string;
  orgId: number;
}

export async function makeAccount(
  h: Harness,
  opts: {
    orgId?: number;
    account?: string;
    name?: string;
    roles?: Exclude<Role, 'user'>[];
    password?: string;
    idNumber?: string;
  } = {},
): Promise<TestAccount> {
  const orgId = opts.orgId ?? (await makeOrg(h)).id;
  const name = opts.account ?? `u${unique()}`.slice(0, 20);
  const { account } = await createAccount(
    h.ctx,
    ROOT,
    { account: name, name: opts.name ?? '測試人員', orgId, ...(opts.idNumber ? { idNumber: opts.idNumber } : {}) },
    SYSTEM,
  );
  const password = opts.password ?? PASSWORD;
  await h.ctx.db.transaction(async (tx) => {
    const a = (await findAccountById(tx, account.id, h.clock.now()))!;
    await setPassword(h.ctx, tx, a, password, { mustChange: false, checkHistory: false });
    await updateAccountRow(tx, account.id, { mustChangePassword: false });
  });
  for (const role of opts.roles ?? []) await changeRole(h.ctx, ROOT, account.id, role, true, SYSTEM);
  return { id: account.id, account: account.account, password, orgId };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  /** Headers for a state-changing request from this session. */
  headers: Record<string, string>;
}

export function cookieFrom(setCookie: string | string[] | undefined, name = 'menhu'): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const hit = list.find((c) => c.startsWith(`${name}=`));
  if (!hit) throw new Error(`no ${name} cookie in ${JSON.stringify(list)}`);
  return hit.split(';')[0]!;
}

export interface LoginOptions {
  /** The client address the request comes from (per-address throttling). */
  remoteAddress?: string;
  /** A session cookie the browser already holds. */
  cookie?: string;
}

/** POST /api/auth/login as a browser on the portal's own origin would; returns the raw answer. */
export function postLogin(h: Harness, account: string, password: string, opts: LoginOptions = {}) {
  return h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: h.config.publicOrigin, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
    payload: { account, password },
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
  });
}

/** Signs in and returns the session; throws unless the answer is 200. */
export async function login(
  h: Harness,
  a: { account: string; password: string },
  opts: LoginOptions = {},
): Promise<Session> {
  const res = await postLogin(h, a.account, a.password, opts);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = cookieFrom(res.headers['set-cookie'], h.config.sessionCookie);
  const { csrfToken } = res.json() as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, origin: h.config.publicOrigin, 'x-csrf-token': csrfToken } };
}

let address = 0;
/** A client address no other test uses, so per-address throttling never couples tests. */
export function freshAddress(): string {
  address++;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}

export interface TestApp {
  id: number;
  apcode: string;
  aptoken: string;
  headers: Record<string, string>;
}

/**
 * Registers an integration application owned by `owner` and, for each service given, requests
 * it and (unless `approve` is false) approves it as a system administrator would.
 */
export async function makeIntegrationApp(
  h: Harness,
  owner: TestAccount,
  services: Partial<Record<Service, ServiceRequest>>,
  opts: { approve?: boolean; name?: string } = {},
): Promise<TestApp> {
  const caller = { accountId: owner.id, orgPath: '/', roles: ['user' as const] };
  const { app, aptoken } = await registerApp(
    h.ctx,
    caller,
    {
      name: opts.name ?? `測試系統${unique()}`,
      url: 'https://app.example.gov.tw/',
      orgId: owner.orgId,
      contactName: '王承辦',
      contactEmail: 'contact@example.gov.tw',
    },
    SYSTEM,
  );
  for (const [service, request] of Object.entries(services) as [Service, ServiceRequest][]) {
    await requestService(h.ctx, caller, app.id, service, request, SYSTEM);
    if (opts.approve !== false) await reviewService(h.ctx, app.id, service, { decision: 'approve' }, SYSTEM);
  }
  return {
    id: app.id,
    apcode: app.apcode,
    aptoken,
    headers: { 'x-apcode': app.apcode, 'x-aptoken': aptoken },
  };
}

/** Disables an account as a system administrator would (which signs it out everywhere). */
export async function disableAccount(h: Harness, accountId: number): Promise<void> {
  await changeStatus(h.ctx, ROOT, accountId, 'disabled', SYSTEM);
}
