/**
 * Single sign-on throughput (issue: SSO-1, SSO-2, Performance). Against the real server in its
 * own process, from this process with fetch and openid-client, a fixed number of requests in
 * flight (BENCH_CONCURRENCY, default 8), each phase for BENCH_SECONDS (default 15):
 *
 * - flows/s: complete code + PKCE flows of signed-in users. One flow = the authorization request
 *   from a browser that holds only the portal session cookie → the interaction endpoint finishes
 *   silently (login from the portal session, then the registered client's approval) → redirect
 *   with a code → token request with the code_verifier (client_secret_basic) → ID token validated
 *   (claims and RS256 signature, openid-client with non-repudiation checks);
 * - warm flows/s (extra): the same browser coming back to the same system, so the engine's own
 *   session and grant are already in its cookies — the authorization request answers with the
 *   code at once, then the same token request;
 * - refresh/s: refresh-token grants, each worker following its own rotating token chain;
 * - verify/s: POST /api/v1/verify with correct passwords over 200 demo accounts, as one
 *   integration application with an approved 帳號驗證 (argon2id dominates; the bound is printed).
 *
 * Every request that fails is counted; more than 1 % failures in a phase abort the bench.
 * BENCH_PHASES=flows,warm,refresh,verify picks phases (for profiling with BENCH_CPU_PROF).
 * Last line: {"bench":"oidc","database":…,"flows_per_s":…,"flows_p99_ms":…,"refresh_per_s":…,
 * "refresh_p99_ms":…,"verify_per_s":…,"verify_p99_ms":…, then warm flows, the argon2 bound, concurrency}
 */
import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import * as oidc from 'openid-client';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContext } from '../apps/server/src/platform/bootstrap.ts';
import type { Actor } from '../apps/server/src/platform/context.ts';
import { openDatabase } from '../apps/server/src/platform/db/client.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { and, asc, eq, isNull, like } from 'drizzle-orm';
import { findAccountForLogin } from '../apps/server/src/modules/accounts/store.ts';
import { accountRoles, accounts } from '../apps/server/src/platform/db/schema.ts';
import { ARGON2_OPTIONS } from '../apps/server/src/modules/credentials/hashing.ts';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo/demo-data.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import { registerApp } from '../apps/server/src/modules/integrations/apps-service.ts';
import { requestService, reviewService } from '../apps/server/src/modules/integrations/review-service.ts';
import { addClient } from '../apps/server/src/modules/oidc/clients.ts';
import { BenchFailure, Jar, percentile, progress, serverCpuSeconds, startServer } from './support.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP_SECONDS = 3;
/** Which phases to run (e.g. BENCH_PHASES=verify to profile one); the others report null. */
const PHASES = new Set((process.env.BENCH_PHASES ?? 'flows,warm,refresh,verify').split(',').map((s) => s.trim()));
const MAX_FAILURE_RATE = 0.01;
const REDIRECT = 'https://rp.bench.example.gov.tw/callback';
const SCOPE = 'openid profile email phone';
/**
 * Demo accounts that sign in to the portal, one per worker (flows): ordinary users (jh12xx
 * without a role), since an administrator's password sign-in asks for a second factor (SSO-10) …
 */
let flowAccounts: string[] = [];
const flowAccount = (w: number) => flowAccounts[w]!;
/** … and those whose passwords the verification phase checks. */
let verifyAccounts: string[] = [];
const BENCH_ACTOR: Actor = { accountId: null, account: 'bench', ip: null, userAgent: 'menhu-bench' };

interface Seeded {
  flowAccounts: string[];
  verifyAccounts: string[];
  clientId: string;
  clientSecret: string;
  apcode: string;
  aptoken: string;
}

/**
 * Runs before the server starts, on the database it will use: the demo data (the server then
 * skips its own seeding), an OIDC client, and an integration application owned by the demo
 * system administrator with 帳號驗證 requested and approved — the way the services create them.
 */
async function seed(env: Record<string, string>): Promise<Seeded> {
  const config = loadConfig({ ...process.env, ...env });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrate(database);
    const ctx = createContext(config, database);
    await seedDemo(ctx);
    const client = await addClient(ctx, { name: 'OIDC 壓測系統', redirectUris: [REDIRECT] }, BENCH_ACTOR);
    const admin = await findAccountForLogin(ctx.db, 'sysadmin');
    if (!admin) throw new Error('the demo system administrator is missing');
    const caller = { accountId: admin.id, orgPath: '/', roles: ['user' as const, 'system_admin' as const] };
    const { app, aptoken } = await registerApp(
      ctx,
      caller,
      {
        name: `帳號驗證壓測 ${new Date().toISOString()}`,
        url: 'https://bench.example.gov.tw/',
        orgId: admin.orgId,
        contactName: '壓測承辦',
        contactEmail: 'bench@example.gov.tw',
      },
      BENCH_ACTOR,
    );
    await requestService(ctx, caller, app.id, 'verify', { description: '效能量測' }, BENCH_ACTOR);
    await reviewService(ctx, app.id, 'verify', { decision: 'approve' }, BENCH_ACTOR);
    // Ordinary users: the flows take jh12xx, the verification phase up to 200 of the others.
    const users = (
      await ctx.db
        .select({ account: accounts.account })
        .from(accounts)
        .leftJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
        .where(and(like(accounts.account, 'jh1%'), isNull(accountRoles.role), eq(accounts.status, 'active')))
        .orderBy(asc(accounts.account))
    ).map((u) => u.account);
    const flows = users.filter((a) => a >= 'jh1201').slice(0, CONCURRENCY);
    if (flows.length < CONCURRENCY)
      throw new Error(`only ${flows.length} ordinary demo users for ${CONCURRENCY} workers`);
    return {
      clientId: client.client_id,
      clientSecret: client.client_secret,
      apcode: app.apcode,
      aptoken,
      flowAccounts: flows,
      verifyAccounts: users.filter((a) => !flows.includes(a)).slice(0, 200),
    };
  } finally {
    await database.close();
  }
}

interface Phase {
  name: string;
  ok: number;
  failed: number;
  perSecond: number;
  p99: number;
  p50: number;
  clientCpuPct: number;
  /** CPU of the server process (its own thread, argon2 and crypto threads; not PostgreSQL's). */
  serverCpuPct: number | null;
  serverCpuMsPerOp: number | null;
}

const round1 = (x: number) => Number(x.toFixed(1));

/**
 * `CONCURRENCY` workers each run `op` back to back for `seconds`; the latency of every
 * successful call is kept, every failure counted (and the first messages of each kind kept).
 */
async function phase(name: string, seconds: number, op: (worker: number) => Promise<void>): Promise<Phase> {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const server0 = serverCpuSeconds();
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (performance.now() < until) {
        const start = performance.now();
        try {
          await op(w);
          latencies.push(performance.now() - start);
        } catch (err) {
          failed++;
          const msg = err instanceof Error ? err.message : String(err);
          errors.set(msg, (errors.get(msg) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const server1 = serverCpuSeconds();
  const serverCpu = server0 !== null && server1 !== null ? server1 - server0 : null;
  latencies.sort((a, b) => a - b);
  const ok = latencies.length;
  const result: Phase = {
    name,
    ok,
    failed,
    perSecond: ok / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    clientCpuPct: ((cpu.user + cpu.system) / 1e6 / elapsed) * 100,
    serverCpuPct: serverCpu === null ? null : (serverCpu / elapsed) * 100,
    serverCpuMsPerOp: serverCpu === null || !ok ? null : (serverCpu * 1000) / ok,
  };
  const serverNote =
    result.serverCpuPct === null
      ? ''
      : `server process CPU ${result.serverCpuPct.toFixed(0)} % of one core, ${result.serverCpuMsPerOp?.toFixed(1)} ms per call; `;
  progress(
    `${name}: ${result.perSecond.toFixed(1)}/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms ` +
      `(${ok} ok, ${failed} failed; ${serverNote}bench process CPU ${result.clientCpuPct.toFixed(0)} %)`,
  );
  if (failed > 0)
    for (const [msg, n] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, 5))
      progress(`  ${n}× ${msg.slice(0, 300)}`);
  if (ok === 0 || failed / (ok + failed) > MAX_FAILURE_RATE)
    throw new BenchFailure(
      `${name}: ${failed} of ${ok + failed} requests failed (more than ${MAX_FAILURE_RATE * 100} %); the figures would measure errors, not the server`,
    );
  return result;
}

/** cores ÷ seconds per argon2id verify with the product's parameters (as in bench/login.ts). */
async function argon2Bound(): Promise<{ ms: number; bound: number }> {
  const h = await hash(DEMO_PASSWORD, ARGON2_OPTIONS);
  for (let i = 0; i < 3; i++) await verify(h, DEMO_PASSWORD);
  const n = 20;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await verify(h, DEMO_PASSWORD);
  const ms = (performance.now() - t0) / n;
  return { ms, bound: os.availableParallelism() / (ms / 1000) };
}

const argon2 = await argon2Bound();
progress(
  `argon2id verify: ${argon2.ms.toFixed(1)} ms → bound ${argon2.bound.toFixed(0)} verifications/s on ${os.availableParallelism()} cores`,
);

progress('seeding (demo data, OIDC client, integration application with 帳號驗證) and starting the server…');
let seeded: Seeded | undefined;
const server = await startServer({
  // The per-application limit (default 50/s, burst 100, per node) would cap the verify phase.
  env: { INTEGRATION_RATE_PER_SECOND: '1000000', INTEGRATION_RATE_BURST: '1000000' },
  beforeStart: async (env) => {
    seeded = await seed(env);
  },
});
let exitCode = 0;
try {
  const base = server.url;
  const { clientId, clientSecret, apcode, aptoken } = seeded!;
  flowAccounts = seeded!.flowAccounts;
  verifyAccounts = seeded!.verifyAccounts;
  const config = await oidc.discovery(
    new URL(`${base}/oidc`),
    clientId,
    undefined,
    oidc.ClientSecretBasic(clientSecret),
    { execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] },
  );

  // One signed-in portal user per worker.
  const portal: Jar[] = [];
  const subs: string[] = [];
  for (let w = 0; w < CONCURRENCY; w++) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ account: flowAccount(w), password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new BenchFailure(`sign-in of ${flowAccount(w)}: ${res.status} ${await res.text()}`);
    const jar = new Jar();
    jar.remember(res);
    portal.push(jar);
    const me = await fetch(`${base}/api/me`, { headers: { cookie: jar.header } });
    if (me.status !== 200)
      throw new BenchFailure(`${flowAccount(w)} has no portal session: ${me.status} ${await me.text()}`);
    subs.push(String(((await me.json()) as { id: number }).id));
  }
  progress(`${CONCURRENCY} users signed in to the portal (${flowAccount(0)}…${flowAccount(CONCURRENCY - 1)})`);

  let hops = 0;
  /** One complete flow in `jar`'s browser; returns the tokens. */
  async function flow(w: number, jar: Jar) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    let current = oidc
      .buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope: SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      })
      .toString();
    let callback: string | undefined;
    for (let i = 0; i < 10 && !callback; i++) {
      const res = await fetch(current, { redirect: 'manual', headers: { cookie: jar.header } });
      jar.remember(res);
      await res.arrayBuffer();
      hops++;
      const location = res.headers.get('location');
      if (!location || res.status < 300 || res.status >= 400)
        throw new Error(`${res.status} from ${new URL(current).pathname} instead of a redirect`);
      if (location.startsWith('/login')) throw new Error('sent to the portal login page: the session was not used');
      if (location.startsWith(REDIRECT)) callback = location;
      else current = new URL(location, base).toString();
    }
    if (!callback) throw new Error('no code after 10 redirects');
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    if (tokens.claims()?.sub !== subs[w]) throw new Error(`ID token for ${tokens.claims()?.sub}, expected ${subs[w]}`);
    if (!tokens.refresh_token) throw new Error('no refresh token');
    return tokens;
  }

  progress(`warming up for ${WARMUP_SECONDS}s…`);
  await phase('warm-up (not counted)', WARMUP_SECONDS, async (w) => {
    await flow(w, new Jar(portal[w]));
  });

  let flows: Phase | undefined;
  if (PHASES.has('flows')) {
    progress(`complete flows (browser with only the portal session) for ${DURATION}s, ${CONCURRENCY} in flight…`);
    hops = 0;
    flows = await phase('flows', DURATION, async (w) => {
      await flow(w, new Jar(portal[w]));
    });
    progress(`  ${(hops / (flows.ok + flows.failed)).toFixed(1)} requests before the token request per flow`);
  }

  // The same browsers coming back: the engine session and grant from one flow stay in the jar.
  const browsers = portal.map((p) => new Jar(p));
  const refreshTokens: string[] = [];
  for (let w = 0; w < CONCURRENCY; w++) refreshTokens.push((await flow(w, browsers[w]!)).refresh_token!);

  let warm: Phase | undefined;
  if (PHASES.has('warm')) {
    progress(`warm flows (engine session and grant kept) for ${DURATION}s…`);
    hops = 0;
    warm = await phase('warm flows', DURATION, async (w) => {
      await flow(w, browsers[w]!);
    });
    progress(`  ${(hops / (warm.ok + warm.failed)).toFixed(1)} requests before the token request per flow`);
  }

  let refresh: Phase | undefined;
  if (PHASES.has('refresh')) {
    progress(`refresh-token grants (one rotating chain per worker) for ${DURATION}s…`);
    refresh = await phase('refresh grants', DURATION, async (w) => {
      let tokens;
      try {
        tokens = await oidc.refreshTokenGrant(config, refreshTokens[w]!);
      } catch (err) {
        // A broken chain would fail every later call: start a new one (counted as this call's failure).
        refreshTokens[w] = (await flow(w, new Jar(portal[w]))).refresh_token!;
        throw err;
      }
      if (!tokens.refresh_token || tokens.refresh_token === refreshTokens[w])
        throw new Error('the refresh token did not rotate');
      if (tokens.claims()?.sub !== subs[w]) throw new Error('the refreshed ID token names someone else');
      refreshTokens[w] = tokens.refresh_token;
    });
  }

  let verified: Phase | undefined;
  if (PHASES.has('verify')) {
    progress(`/api/v1/verify with correct passwords over ${verifyAccounts.length} accounts for ${DURATION}s…`);
    let next = 0;
    const verifyHeaders = { 'content-type': 'application/json', 'x-apcode': apcode, 'x-aptoken': aptoken };
    verified = await phase('verify', DURATION, async () => {
      const account = verifyAccounts[next++ % verifyAccounts.length]!;
      const res = await fetch(`${base}/api/v1/verify`, {
        method: 'POST',
        headers: verifyHeaders,
        body: JSON.stringify({ account, password: DEMO_PASSWORD }),
      });
      const body = (await res.json()) as { valid?: boolean; account?: string; reason?: string; code?: string };
      if (res.status !== 200) throw new Error(`${res.status} ${body.code ?? JSON.stringify(body)}`);
      if (body.valid !== true || body.account !== account)
        throw new Error(`not valid: ${body.reason ?? JSON.stringify(body)}`);
    });
    progress(
      `  verify reaches ${((verified.perSecond / argon2.bound) * 100).toFixed(0)} % of the argon2 bound (${argon2.bound.toFixed(0)}/s)`,
    );
  }

  const rate = (p: Phase | undefined) => (p ? round1(p.perSecond) : null);
  const p99 = (p: Phase | undefined) => (p ? round1(p.p99) : null);
  console.log(
    JSON.stringify({
      bench: 'oidc',
      database: server.database,
      flows_per_s: rate(flows),
      flows_p99_ms: p99(flows),
      refresh_per_s: rate(refresh),
      refresh_p99_ms: p99(refresh),
      verify_per_s: rate(verified),
      verify_p99_ms: p99(verified),
      warm_flows_per_s: rate(warm),
      warm_flows_p99_ms: p99(warm),
      argon2_bound_per_s: round1(argon2.bound),
      concurrency: CONCURRENCY,
    }),
  );
} catch (err) {
  if (!(err instanceof BenchFailure)) throw err;
  console.error(`[bench] FAILED: ${err.message}`);
  exitCode = 1;
} finally {
  await server.stop();
}
process.exitCode = exitCode;
