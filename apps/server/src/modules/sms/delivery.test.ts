/**
 * Delivery through the transactional outbox with SMS_PROVIDER=mitake, against a local server
 * speaking Mitake's reply format: the body with the code is never readable at rest, a retryable
 * failure is retried with the same clientid (Duplicate=Y is success), a permanent one is recorded
 * and audited and never retried, and a message is given up once its code has expired.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { smsMessages } from '../../platform/db/schema.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, type Session } from '../../test-support/factories.ts';
import { client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';

const PASSWORD = 'Mitake-Secret-9';

describe('簡訊 delivery through the outbox (三竹 Mitake)', () => {
  let h: Harness;
  let server: http.Server;
  const received: URLSearchParams[] = [];
  const replies: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (raw += c));
      req.on('end', () => {
        received.push(new URLSearchParams(raw));
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(replies.shift() ?? '[1]\r\nmsgid=1\r\nstatuscode=1\r\nAccountPoint=1\r\n');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await createHarness({
      SMS_PROVIDER: 'mitake',
      MITAKE_URL: url,
      MITAKE_USERNAME: 'city',
      MITAKE_PASSWORD: PASSWORD,
    });
  });
  after(async () => {
    await h.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const last = async () => (await h.ctx.db.select().from(smsMessages).orderBy(desc(smsMessages.id)).limit(1))[0]!;
  const reload = async (id: number) => (await h.ctx.db.select().from(smsMessages).where(eq(smsMessages.id, id)))[0]!;
  /**
   * Works the outbox until the message has been tried `attempts` times (the app's own poller
   * may take the job first; then this waits for it to finish).
   */
  async function worked(id: number, attempts: number) {
    for (let i = 0; i < 200; i++) {
      await h.app.drainOutbox();
      const m = await reload(id);
      if (m.attempts >= attempts) return m;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`message ${id} was not tried ${attempts} times`);
  }
  const codeIn = (form: URLSearchParams) => /\b(\d{6})\b/u.exec(form.get('smbody') ?? '')![1]!;
  async function ask(s: Session, phone: string) {
    const res = await client(h, s).post('/api/me/sms', { phone });
    assert.equal(res.statusCode, 200, res.body);
    return last();
  }

  test('sent after commit; the body with the code is never readable at rest; the code works', async () => {
    const person = await makeAccount(h);
    const s = await login(h, person);
    replies.push('[1]\r\nmsgid=1010079522\r\nstatuscode=1\r\nAccountPoint=98\r\n');
    const queued = await ask(s, '0912000001');
    assert.equal(queued.provider, 'mitake');
    assert.equal(queued.body, null);
    assert.ok(queued.bodyEnc && !/\d{6}/u.test(queued.bodyEnc), 'encrypted until sent');
    await worked(queued.id, 1);
    const form = received.at(-1)!;
    assert.equal(form.get('dstaddr'), '0912000001');
    assert.equal(form.get('clientid'), queued.clientId);
    assert.equal(form.get('password'), PASSWORD);
    const sent = await reload(queued.id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.providerMessageId, '1010079522');
    assert.equal(sent.bodyEnc, null, 'erased once sent');
    assert.equal(sent.body, null);
    const ok = await client(h, s).post('/api/me/sms/confirm', { code: codeIn(form) });
    assert.equal(ok.statusCode, 200, ok.body);
    const admin = await makeAccount(h, { roles: ['system_admin'] });
    const list = (await client(h, await login(h, admin)).get('/api/admin/sms-messages')).json();
    const row = (list.items as { id: number; body: string | null; status: string }[]).find((m) => m.id === queued.id)!;
    assert.equal(row.body, null, 'administrators see no body with a real provider');
    assert.equal(row.status, 'sent');
  });

  test('retryable (l = busy): tried again after the backoff with the same clientid; Duplicate=Y is success', async () => {
    const s = await login(h, await makeAccount(h));
    replies.push('[1]\r\nstatuscode=l\r\nError=busy\r\n');
    const queued = await ask(s, '0912000002');
    const waiting = await worked(queued.id, 1);
    assert.equal(waiting.status, 'queued');
    assert.equal(waiting.errorCode, 'mitake_l');
    assert.equal(waiting.attempts, 1);
    const sends = received.length;
    await h.app.drainOutbox();
    assert.equal(received.length, sends, 'not before the backoff');
    replies.push('[1]\r\nmsgid=#777\r\nstatuscode=1\r\nAccountPoint=97\r\nDuplicate=Y\r\n');
    h.clock.advance(6_000);
    const sent = await worked(queued.id, 2);
    assert.equal(received.at(-1)!.get('clientid'), queued.clientId);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 2);
    assert.equal(sent.providerMessageId, '#777');
  });

  test('permanent (e = bad credentials): recorded, audited, never tried again', async () => {
    const s = await login(h, await makeAccount(h));
    replies.push('[1]\r\nstatuscode=e\r\nError=帳號、密碼錯誤\r\n');
    const queued = await ask(s, '0912000003');
    const failed = await worked(queued.id, 1);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.errorCode, 'mitake_e');
    assert.equal(failed.bodyEnc, null);
    const events = await auditRows(h, { action: 'sms.failed', targetId: queued.id });
    assert.equal(events.length, 1);
    assert.ok(!JSON.stringify(events).includes(PASSWORD));
    const sends = received.length;
    h.clock.advance(60 * 60_000);
    await h.app.drainOutbox();
    assert.equal(received.length, sends);
  });

  test('a message still failing when its code expires is given up', async () => {
    const s = await login(h, await makeAccount(h));
    replies.push('[1]\r\nstatuscode=r\r\n');
    const queued = await ask(s, '0912000004');
    assert.equal((await worked(queued.id, 1)).status, 'queued');
    replies.push('[1]\r\nstatuscode=r\r\n');
    h.clock.advance(5 * 60_000);
    const gaveUp = await worked(queued.id, 2);
    assert.equal(gaveUp.status, 'failed');
    assert.equal(gaveUp.errorCode, 'mitake_r');
  });
});
