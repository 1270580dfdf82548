/**
 * 手機掃碼登入 latency (issue SSO-5: "the desktop page signs in within a second or two"). Against
 * the real server in its own process, from this process with fetch; every round is one desktop
 * browser (its own cookie jar and address) and one bound "phone" (a software WebCrypto device key):
 *
 * desktop POST /api/auth/qr (challenge; secret cookie) → desktop opens GET /api/auth/qr/:id/events
 * (server-sent events, read from the fetch stream) and waits for the first `pending` → phone GET
 * /api/auth/qr/:id/info (nonce) → phone POST /api/auth/qr/:id/approve signed by its device key →
 * the desktop's stream reports `approved` → desktop POST /api/auth/login/qr → 200, signed in.
 *
 * The phone approves after a random 0…SSE_POLL_MS, as a person's approval lands anywhere in the
 * stream's poll cycle (BENCH_PHONE_DELAY=0: at once, which always waits a whole poll: the worst
 * case). Measured from the moment the approve response reaches the phone:
 * - notify: until the `approved` event reaches the desktop (the stream polls the challenge row
 *   every SSE_POLL_MS, so this is about half that on average, at most the whole);
 * - signed in: until the desktop's redemption answers 200 (the session cookie is set).
 *
 * Phases: BENCH_ROUNDS (default 100) rounds one after another, then BENCH_CONCURRENCY (default 8)
 * desktops back to back for BENCH_SECONDS (default 15) (`concurrent_signins_per_s`). Every failed
 * round is counted; more than 1 % in a phase stops the bench with exit code 1 and no JSON line.
 * Last line: {"bench":"qr","database":…,"rounds":…,"notify_p50_ms":…,"notify_p99_ms":…,
 * "signed_in_p50_ms":…,"signed_in_p99_ms":…,"concurrent_signins_per_s":…, then the concurrent
 * phase's latencies, the SSE poll interval and the concurrency}
 */
import { qrApprovalMessage, type QrStatus } from '@menhu/contracts';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContext } from '../apps/server/src/platform/bootstrap.ts';
import { randomToken } from '../apps/server/src/platform/crypto.ts';
import { openDatabase } from '../apps/server/src/platform/db/client.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { findAccountForLogin } from '../apps/server/src/modules/accounts/store.ts';
import { seedDemo } from '../apps/server/src/modules/demo/seed.ts';
import { SSE_POLL_MS } from '../apps/server/src/modules/qr/routes.ts';
import { insertDevice } from '../apps/server/src/modules/qr/store.ts';
import { freshAddress } from '../apps/server/src/test-support/factories.ts';
import { DESKTOP_UA, makeDeviceKey, type DeviceKey } from '../apps/server/src/test-support/qr-device.ts';
import { BenchFailure, Jar, percentile, progress, serverCpuSeconds, startServer } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP_ROUNDS = 5;
/** Whether the phone approves after a random 0…SSE_POLL_MS (default), or at once (BENCH_PHONE_DELAY=0). */
const PHONE_DELAY = process.env.BENCH_PHONE_DELAY !== '0';
const MAX_FAILURE_RATE = 0.01;
/** A round that has not signed in by then has failed (the page would have long given up). */
const ROUND_TIMEOUT_MS = 10_000;
/** Demo accounts with a bound phone; rounds take them in turn. */
const PHONE_ACCOUNTS = Array.from({ length: 50 }, (_, i) => `jh${1001 + i}`);

interface Phone {
  account: string;
  deviceId: string;
  key: DeviceKey;
}

/**
 * Runs before the server starts, on the database it will use: the demo data (the server then
 * skips its own seeding) and one bound phone per account in PHONE_ACCOUNTS. The binding is
 * written straight through the qr store: the product's route (POST /api/me/qr-devices) needs a
 * two-factor session on the phone, which is not what this bench measures.
 */
async function seed(env: Record<string, string>, keys: DeviceKey[]): Promise<Phone[]> {
  const config = loadConfig({ ...process.env, ...env });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrate(database);
    const ctx = createContext(config, database);
    await seedDemo(ctx);
    const phones: Phone[] = [];
    for (const [i, account] of PHONE_ACCOUNTS.entries()) {
      const row = await findAccountForLogin(ctx.db, account);
      if (!row) throw new Error(`the demo account ${account} is missing`);
      const key = keys[i]!;
      const device = await insertDevice(ctx.db, {
        id: randomToken(16),
        accountId: row.id,
        name: '壓測手機',
        publicKey: { kty: 'EC', crv: 'P-256', x: key.publicJwk.x!, y: key.publicJwk.y! },
        createdAt: ctx.clock.now(),
      });
      phones.push({ account, deviceId: device.id, key });
    }
    return phones;
  } finally {
    await database.close();
  }
}

/** The `status` events of a server-sent event stream, each with the time it arrived here. */
async function* statusEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ status: QrStatus; at: number }> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    const at = performance.now();
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6) ?? '';
      if (event !== 'status') throw new Error(`event stream: ${event} ${data}`);
      yield { status: JSON.parse(data) as QrStatus, at };
    }
  }
}

async function expectOk(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

/** Rounds whose approved event reached the desktop before the approve response reached the phone. */
let eventBeforeResponse = 0;

/** One desktop signs in with one phone; the two latencies in ms. */
async function signIn(base: string, phone: Phone): Promise<{ notify: number; signedIn: number }> {
  const jar = new Jar();
  // Each desktop its own address (X-Forwarded-For through TRUST_PROXY), as many computers behind
  // the city's proxy: one address may ask for only 30 challenges a minute.
  const desktop = { 'user-agent': DESKTOP_UA, 'x-forwarded-for': freshAddress() };
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error('timed out')), ROUND_TIMEOUT_MS);
  try {
    const { signal } = abort;
    const created = await fetch(`${base}/api/auth/qr`, {
      method: 'POST',
      headers: { ...desktop, origin: base },
      signal,
    });
    jar.remember(created);
    const { challengeId } = (await expectOk(created, 'challenge')) as { challengeId: string };

    const stream = await fetch(`${base}/api/auth/qr/${challengeId}/events`, {
      headers: { ...desktop, cookie: jar.header, accept: 'text/event-stream' },
      signal,
    });
    if (stream.status !== 200 || !stream.body) throw new Error(`events: ${stream.status} ${await stream.text()}`);
    const events = statusEvents(stream.body);
    const first = await events.next();
    if (first.done || first.value.status.status !== 'pending') throw new Error('events: no pending status first');
    // Follow the stream while the phone acts, as the page does.
    const decided = (async () => {
      for await (const e of events) if (e.status.status !== 'pending') return e;
      throw new Error('events: the stream ended undecided');
    })();
    decided.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile

    // The phone: what it is shown (the nonce), then its signed decision.
    const { nonce } = (await expectOk(await fetch(`${base}/api/auth/qr/${challengeId}/info`, { signal }), 'info')) as {
      nonce: string;
    };
    // A person takes seconds to scan and tap 允許, so the approval lands anywhere in the stream's
    // poll cycle; approving at once would always wait a whole SSE_POLL_MS (the worst case).
    // BENCH_PHONE_DELAY=0 measures that worst case. Not part of the measured latencies.
    if (PHONE_DELAY) await new Promise((r) => setTimeout(r, Math.random() * SSE_POLL_MS));
    const signature = await phone.key.sign(qrApprovalMessage(challengeId, nonce, 'approve'));
    const approved = await fetch(`${base}/api/auth/qr/${challengeId}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ deviceId: phone.deviceId, decision: 'approve', signature }),
      signal,
    });
    const decision = (await expectOk(approved, 'approve')) as { account: string };
    const t0 = performance.now();
    if (decision.account !== phone.account) throw new Error(`approved as ${decision.account}, not ${phone.account}`);

    const event = await decided;
    if (event.status.status !== 'approved') throw new Error(`events: ${event.status.status}`);
    if (event.at < t0) eventBeforeResponse++;
    const notify = Math.max(0, event.at - t0);

    const redeemed = await fetch(`${base}/api/auth/login/qr`, {
      method: 'POST',
      headers: { ...desktop, 'content-type': 'application/json', origin: base, cookie: jar.header },
      body: JSON.stringify({ challengeId }),
      signal,
    });
    const session = (await expectOk(redeemed, 'redeem')) as { account?: string };
    const signedIn = performance.now() - t0;
    if (session.account !== phone.account) throw new Error(`signed in as ${session.account}, not ${phone.account}`);
    if (!redeemed.headers.getSetCookie().length) throw new Error('redeem: no session cookie');
    return { notify, signedIn };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

interface Phase {
  ok: number;
  failed: number;
  perSecond: number;
  notify: number[];
  signedIn: number[];
}

/**
 * `workers` desktops, each signing in back to back until `rounds` rounds were run in all or
 * `seconds` have passed; the latencies of the sign-ins that succeeded, failures counted.
 */
async function phase(
  name: string,
  phones: Phone[],
  base: string,
  opts: { workers: number; rounds?: number; seconds?: number },
): Promise<Phase> {
  const notify: number[] = [];
  const signedIn: number[] = [];
  const errors = new Map<string, number>();
  let failed = 0;
  let started = 0;
  let next = 0;
  const t0 = performance.now();
  const cpu0 = serverCpuSeconds();
  const until = opts.seconds === undefined ? Infinity : t0 + opts.seconds * 1000;
  const more = () => performance.now() < until && (opts.rounds === undefined || started < opts.rounds);
  let reported = t0;
  await Promise.all(
    Array.from({ length: opts.workers }, async () => {
      while (more()) {
        started++;
        try {
          const r = await signIn(base, phones[next++ % phones.length]!);
          notify.push(r.notify);
          signedIn.push(r.signedIn);
        } catch (err) {
          failed++;
          const msg = err instanceof Error ? err.message : String(err);
          errors.set(msg, (errors.get(msg) ?? 0) + 1);
        }
        if (performance.now() - reported > 5000) {
          reported = performance.now();
          progress(`  ${name}: ${notify.length} signed in, ${failed} failed…`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = serverCpuSeconds();
  notify.sort((a, b) => a - b);
  signedIn.sort((a, b) => a - b);
  const ok = signedIn.length;
  const result = { ok, failed, perSecond: ok / elapsed, notify, signedIn };
  const cpu =
    cpu0 !== null && cpu1 !== null && ok
      ? `; server process CPU ${(((cpu1 - cpu0) * 1000) / ok).toFixed(1)} ms per sign-in`
      : '';
  progress(
    `${name}: ${ok} signed in, ${failed} failed, ${result.perSecond.toFixed(1)}/s; ` +
      `notify p50 ${percentile(notify, 50).toFixed(0)} ms, p99 ${percentile(notify, 99).toFixed(0)} ms; ` +
      `signed in p50 ${percentile(signedIn, 50).toFixed(0)} ms, p99 ${percentile(signedIn, 99).toFixed(0)} ms${cpu}`,
  );
  for (const [msg, n] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, 5)) progress(`  ${n}× ${msg.slice(0, 300)}`);
  if (ok === 0 || failed / (ok + failed) > MAX_FAILURE_RATE)
    throw new BenchFailure(
      `${name}: ${failed} of ${ok + failed} sign-ins failed (more than ${MAX_FAILURE_RATE * 100} %); the figures would measure errors, not the server`,
    );
  return result;
}

const ms = (sorted: number[], p: number) => Math.round(percentile(sorted, p));

progress(`making ${PHONE_ACCOUNTS.length} device keys, seeding (demo data, bound phones) and starting the server…`);
const keys = await Promise.all(PHONE_ACCOUNTS.map(() => makeDeviceKey()));
let phones: Phone[] = [];
const server = await startServer({
  // The bench's desktops come from addresses of their own, in X-Forwarded-For.
  env: { TRUST_PROXY: 'true' },
  beforeStart: async (env) => {
    phones = await seed(env, keys);
  },
});
let exitCode = 0;
try {
  const base = server.url;
  progress(
    `${phones.length} phones bound (${phones[0]!.account}…${phones.at(-1)!.account}); SSE poll ${SSE_POLL_MS} ms; ` +
      (PHONE_DELAY ? `the phone approves after a random 0…${SSE_POLL_MS} ms` : 'the phone approves at once'),
  );
  await phase('warm-up (not counted)', phones, base, { workers: 1, rounds: WARMUP_ROUNDS });
  eventBeforeResponse = 0;
  progress(`${ROUNDS} sign-ins one after another…`);
  const sequential = await phase('sequential', phones, base, { workers: 1, rounds: ROUNDS });
  if (eventBeforeResponse)
    progress(
      `  ${eventBeforeResponse}× the approved event reached the desktop before the approve response reached the phone (counted as 0 ms)`,
    );
  progress(`${CONCURRENCY} desktops signing in back to back for ${DURATION}s…`);
  const concurrent = await phase('concurrent', phones, base, { workers: CONCURRENCY, seconds: DURATION });
  console.log(
    JSON.stringify({
      bench: 'qr',
      database: server.database,
      rounds: sequential.ok,
      notify_p50_ms: ms(sequential.notify, 50),
      notify_p99_ms: ms(sequential.notify, 99),
      signed_in_p50_ms: ms(sequential.signedIn, 50),
      signed_in_p99_ms: ms(sequential.signedIn, 99),
      concurrent_signins_per_s: Number(concurrent.perSecond.toFixed(1)),
      concurrent_notify_p99_ms: ms(concurrent.notify, 99),
      concurrent_signed_in_p50_ms: ms(concurrent.signedIn, 50),
      concurrent_signed_in_p99_ms: ms(concurrent.signedIn, 99),
      sse_poll_ms: SSE_POLL_MS,
      phone_delay: PHONE_DELAY,
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
