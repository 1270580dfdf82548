/**
 * Login and session-check throughput (issue: Foundation, Performance).
 * - argon2 bound: cores ÷ seconds per argon2id verify, measured here with the product's parameters;
 * - logins/s: POST /api/auth/login with correct passwords over the demo accounts;
 * - /api/me at a fixed 500 requests/s: achieved rate and p99 latency.
 * Last line: {"bench":"login","logins_per_s":…,"argon2_bound_per_s":…,"me_rps":…,"me_p99_ms":…}
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { hash, verify } from '@node-rs/argon2';
import { ARGON2_OPTIONS } from '../apps/server/src/modules/credentials/hashing.ts';
import { progress, startServer } from './support.ts';

const PASSWORD = 'Menhu@2026demo';
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);

/** The bound: cores ÷ seconds per verify (one verify at a time, scaled by the cores). */
async function argon2Bound(): Promise<{ secondsPerVerify: number; bound: number }> {
  const h = await hash(PASSWORD, ARGON2_OPTIONS);
  for (let i = 0; i < 3; i++) await verify(h, PASSWORD); // warm up
  const n = 30;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await verify(h, PASSWORD);
  const secondsPerVerify = Number(process.hrtime.bigint() - t0) / 1e9 / n;
  const cores = os.availableParallelism();
  return { secondsPerVerify, bound: cores / secondsPerVerify };
}

/**
 * What argon2id alone really achieves with every core busy (no HTTP, no database): memory-hard
 * hashing does not scale perfectly, so this is the practical ceiling for logins/s.
 */
async function argon2Parallel(seconds = 3): Promise<number> {
  const h = await hash(PASSWORD, ARGON2_OPTIONS);
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: os.availableParallelism() * 2 }, async () => {
      while (performance.now() < until) {
        await verify(h, PASSWORD);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

const { secondsPerVerify, bound } = await argon2Bound();
const parallel = await argon2Parallel();
progress(`argon2id alone on all cores: ${parallel.toFixed(0)} verifies/s`);
progress(
  `argon2id verify: ${(secondsPerVerify * 1000).toFixed(1)} ms → bound ${bound.toFixed(1)} logins/s on ${os.availableParallelism()} cores`,
);

progress('starting the server with the demo data…');
const server = await startServer();
try {
  const origin = server.url;
  const accounts = Array.from({ length: 250 }, (_, i) => `jh${1001 + i}`);
  let next = 0;

  progress(`logins for ${DURATION}s…`);
  const logins = await run({
    url: server.url,
    connections: 8,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json', origin },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ account: accounts[next++ % accounts.length], password: PASSWORD }),
        }),
      },
    ],
  });
  const loginNon2xx = logins.non2xx;
  const loginsPerS = (logins.requests.total - loginNon2xx) / DURATION;
  progress(`logins: ${loginsPerS.toFixed(1)}/s (non-2xx ${loginNon2xx}), p99 ${logins.latency.p99} ms`);

  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ account: 'user01', password: PASSWORD }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;

  // 5 keep-alive connections at 100 requests/s each. (autocannon paces every connection on the
  // same tick, so 20 connections at 25/s arrive as bursts of 20 and measure the burst, not the server.)
  progress(`/api/me at 500 requests/s for ${DURATION}s…`);
  const me = await run({
    url: `${server.url}/api/me`,
    connections: 5,
    overallRate: 500,
    duration: DURATION,
    headers: { cookie },
  });
  const meRps = (me.requests.total - me.non2xx) / DURATION;
  progress(`/api/me: ${meRps.toFixed(0)} req/s, p99 ${me.latency.p99} ms (non-2xx ${me.non2xx})`);

  console.log(
    JSON.stringify({
      bench: 'login',
      database: server.database,
      logins_per_s: Number(loginsPerS.toFixed(1)),
      argon2_bound_per_s: Number(bound.toFixed(1)),
      argon2_verify_ms: Number((secondsPerVerify * 1000).toFixed(1)),
      argon2_parallel_per_s: Number(parallel.toFixed(0)),
      login_p99_ms: logins.latency.p99,
      me_rps: Number(meRps.toFixed(0)),
      me_p99_ms: me.latency.p99,
    }),
  );
} finally {
  await server.stop();
}
