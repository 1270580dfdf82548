/**
 * The 三竹 Mitake B2C adapter against a local HTTP server that speaks Mitake's reply format:
 * what is sent (form fields, the same clientid on a retry), accepted and duplicate replies,
 * statuscodes 5–9, each letter class (permanent or retryable), HTTP errors and timeouts, and
 * that the password goes to Mitake and nowhere else (no log line, no error message).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { classifyMitake, MitakeSmsProvider, parseMitakeReply, type SmsResult } from './provider.ts';

interface Received {
  method: string;
  url: string;
  contentType: string;
  form: URLSearchParams;
}

const PASSWORD = 'S3cret-Mitake-Pw!';

describe('三竹 Mitake B2C adapter', () => {
  let server: http.Server;
  let base: string;
  const received: Received[] = [];
  /** What the fake answers next: a status and a body, or 'hang' (no answer). */
  let next: { status: number; body: string } | 'hang' = { status: 200, body: '' };

  before(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (raw += c));
      req.on('end', () => {
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          contentType: String(req.headers['content-type']),
          form: new URLSearchParams(raw),
        });
        if (next === 'hang') return; // never answers; the adapter's timeout must end it
        res.writeHead(next.status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(next.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const provider = (timeoutMs = 2_000) =>
    new MitakeSmsProvider({ url: `${base}/`, username: 'city-gov', password: PASSWORD, timeoutMs });
  const reply = (lines: string[], status = 200) => (next = { status, body: `${lines.join('\r\n')}\r\n` });
  const send = (clientId = 'c-1', p = provider()) =>
    p.send({ to: '0912345678', body: '【公務入口網】簡訊登入驗證碼 123456', clientId, validSeconds: 300 });

  test('posts the form Mitake expects and reads an accepted reply', async () => {
    reply(['[1]', 'msgid=1010079522', 'statuscode=1', 'AccountPoint=98']);
    const result = await send('client-abc');
    assert.deepEqual(result, { ok: true, providerMessageId: '1010079522', status: '1', duplicate: false });
    const got = received.at(-1)!;
    assert.equal(got.method, 'POST');
    assert.equal(got.url, '/b2c/mtk/SmSend?CharsetURL=UTF-8');
    assert.match(got.contentType, /^application\/x-www-form-urlencoded/u);
    assert.equal(got.form.get('username'), 'city-gov');
    assert.equal(got.form.get('password'), PASSWORD);
    assert.equal(got.form.get('dstaddr'), '0912345678');
    assert.equal(got.form.get('smbody'), '【公務入口網】簡訊登入驗證碼 123456');
    assert.equal(got.form.get('clientid'), 'client-abc');
    assert.equal(got.form.get('vldtime'), '300');
  });

  test('statuscodes 0, 2 and 4 are accepted too', async () => {
    for (const code of ['0', '2', '4']) {
      reply(['[1]', `msgid=77${code}`, `statuscode=${code}`, 'AccountPoint=90']);
      const r = await send();
      assert.equal(r.ok, true, code);
    }
  });

  test('a resend with the same clientid: Duplicate=Y is success, with the first message id', async () => {
    reply(['[1]', 'msgid=#1010079522', 'statuscode=1', 'AccountPoint=98', 'Duplicate=Y']);
    const r = await send('same-client');
    assert.equal(r.ok, true);
    assert.equal((r as Extract<SmsResult, { ok: true }>).duplicate, true);
    assert.equal((r as Extract<SmsResult, { ok: true }>).providerMessageId, '#1010079522');
    assert.equal(received.at(-1)!.form.get('clientid'), 'same-client');
  });

  test('statuscodes 5–9 are permanent failures', async () => {
    for (const code of ['5', '6', '7', '8', '9']) {
      reply(['[1]', 'msgid=', `statuscode=${code}`, 'AccountPoint=98']);
      const r = await send();
      assert.equal(r.ok, false, code);
      assert.equal((r as Extract<SmsResult, { ok: false }>).retryable, false, code);
      assert.equal((r as Extract<SmsResult, { ok: false }>).code, `mitake_${code}`);
    }
  });

  test('letters: e, k, s (and unknown ones) are permanent; a, b, r, l are retryable', async () => {
    const cases: [string, boolean][] = [
      ['e', false],
      ['k', false],
      ['s', false],
      ['h', false],
      ['a', true],
      ['b', true],
      ['r', true],
      ['l', true],
    ];
    for (const [letter, retryable] of cases) {
      reply(['[1]', `statuscode=${letter}`, 'Error=some text']);
      const r = await send();
      assert.equal(r.ok, false, letter);
      assert.equal((r as Extract<SmsResult, { ok: false }>).retryable, retryable, letter);
      assert.equal((r as Extract<SmsResult, { ok: false }>).code, `mitake_${letter}`);
    }
  });

  test('HTTP 500 and 503 are retryable; 403 is not; an empty reply is retryable', async () => {
    reply(['oops'], 500);
    assert.deepEqual(await send(), { ok: false, retryable: true, code: 'http_500', message: 'HTTP 500' });
    reply(['busy'], 503);
    assert.equal(((await send()) as { retryable: boolean }).retryable, true);
    reply(['no'], 403);
    assert.equal(((await send()) as { retryable: boolean }).retryable, false);
    reply(['']);
    assert.deepEqual(await send(), {
      ok: false,
      retryable: true,
      code: 'no_status',
      message: 'reply without statuscode',
    });
  });

  test('no answer within the timeout → retryable timeout; nobody listening → retryable network error', async () => {
    next = 'hang';
    const r = await send('t', provider(150));
    assert.equal(r.ok, false);
    assert.equal((r as Extract<SmsResult, { ok: false }>).code, 'timeout');
    assert.equal((r as Extract<SmsResult, { ok: false }>).retryable, true);

    const closed = http.createServer();
    await new Promise<void>((res) => closed.listen(0, '127.0.0.1', res));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((res) => closed.close(res));
    const nobody = new MitakeSmsProvider({
      url: `http://127.0.0.1:${port}`,
      username: 'u',
      password: PASSWORD,
      timeoutMs: 500,
    });
    const r2 = await nobody.send({ to: '0912345678', body: 'x', clientId: 'n' });
    assert.deepEqual(r2, { ok: false, retryable: true, code: 'network', message: 'connection failed' });
  });

  test('the password is sent to Mitake but never logged nor put in a result', async () => {
    const lines: string[] = [];
    const originals = { log: console.log, warn: console.warn, error: console.error, info: console.info };
    const capture = (...args: unknown[]) => lines.push(args.map(String).join(' '));
    Object.assign(console, { log: capture, warn: capture, error: capture, info: capture });
    const results: SmsResult[] = [];
    try {
      reply(['[1]', 'statuscode=e', 'Error=帳號、密碼錯誤']);
      results.push(await send());
      reply(['x'], 500);
      results.push(await send());
      next = 'hang';
      results.push(await send('h', provider(100)));
      reply(['[1]', 'msgid=1', 'statuscode=1']);
      results.push(await send());
    } finally {
      Object.assign(console, originals);
    }
    assert.equal(received.at(-1)!.form.get('password'), PASSWORD, 'sent to Mitake');
    assert.ok(!lines.join('\n').includes(PASSWORD), 'never logged');
    assert.ok(!JSON.stringify(results).includes(PASSWORD), 'never in a result (which ends up in the database)');
    assert.ok(!JSON.stringify(provider()).includes(PASSWORD), 'not even when the provider object is serialised');
  });

  test('the reply parser reads the first section only, with CRLF or LF', () => {
    assert.deepEqual(parseMitakeReply('[1]\nmsgid=5\nstatuscode=4\nAccountPoint=3\n[2]\nmsgid=6\nstatuscode=6\n'), {
      msgid: '5',
      statuscode: '4',
      AccountPoint: '3',
    });
    assert.equal(classifyMitake({ statuscode: '4' }).ok, true);
    assert.equal(classifyMitake({ statuscode: '6', Duplicate: 'Y' }).ok, false);
  });
});
