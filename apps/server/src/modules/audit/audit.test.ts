import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditEvent } from '@menhu/contracts';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/db/schema.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { freshAddress, login, makeAccount, postLogin, type TestAccount } from '../../test-support/factories.ts';
import { assertError, client, type Caller } from '../../test-support/http.ts';
import { auditRows, readXlsx } from '../../test-support/inspect.ts';

const HOUR = 3_600_000;
const WRONG = 'Wrong-pass1';

describe('the audit log (X-1)', () => {
  let h: Harness;
  let sysAdmin: TestAccount;
  before(async () => {
    h = await createHarness();
    sysAdmin = await makeAccount(h, { roles: ['system_admin'] });
  });
  /** A fresh system-admin session: tests here move the clock past any session's idle limit. */
  const sys = async (): Promise<Caller> => client(h, await login(h, sysAdmin));
  after(() => h.close());

  const search = async (query: string): Promise<{ items: AuditEvent[]; total: number }> => {
    const res = await (await sys()).get(`/api/admin/audit?pageSize=200&${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  describe('what is recorded', () => {
    test('a sign-in records login.success with the address and browser', async () => {
      const a = await makeAccount(h);
      const ip = freshAddress();
      await postLogin(h, a.account, a.password, { remoteAddress: ip });
      const [event] = await auditRows(h, { action: 'login.success', targetId: a.id });
      assert.ok(event);
      assert.equal(event.actorId, a.id);
      assert.equal(event.ip, ip);
      assert.equal(event.userAgent, 'lightMyRequest');
      assert.equal(event.result, 'success');
    });

    test('a failed sign-in records login.failure, for an unknown name too', async () => {
      const a = await makeAccount(h);
      const ghost = `ghost${a.account}`.slice(0, 20);
      await postLogin(h, a.account, WRONG);
      await postLogin(h, ghost, WRONG);
      const [known] = await auditRows(h, { action: 'login.failure', targetId: a.id });
      const [unknown] = await auditRows(h, { action: 'login.failure', targetLabel: ghost });
      assert.deepEqual(known?.after, { method: 'password', reason: 'invalid_credentials' });
      assert.equal(known?.result, 'failure');
      assert.equal(unknown?.actorId, null);
      assert.equal(unknown?.targetId, ghost);
    });

    test('neither a right nor a wrong password is ever written to the log', async () => {
      const a = await makeAccount(h);
      await postLogin(h, a.account, a.password);
      await postLogin(h, a.account, 'Typo-of-Pa!5w');
      const trail = JSON.stringify(await auditRows(h, { targetId: a.id }));
      assert.ok(!trail.includes(a.password) && !trail.includes('Typo-of-Pa!5w'));
    });

    test('one account’s trail reads as what happened to it', async () => {
      const admin = await makeAccount(h, { roles: ['agency_admin'] });
      const a = await makeAccount(h, { orgId: admin.orgId });
      const ip = freshAddress();
      for (let i = 0; i < 5; i++) await postLogin(h, a.account, WRONG, { remoteAddress: ip });
      const adminApi = client(h, await login(h, admin));
      await adminApi.post(`/api/admin/accounts/${a.id}/unlock`);
      const s = await login(h, a);
      const other = await login(h, a);
      const api = client(h, s);
      await api.put('/api/me/profile', { title: '技正' });
      const otherId = (await api.get('/api/me/sessions')).json().items.find((x: { current: boolean }) => !x.current).id;
      await api.delete(`/api/me/sessions/${otherId}`);
      await api.post('/api/me/password', { currentPassword: a.password, newPassword: 'Q1!x#W1%z' });
      await adminApi.patch(`/api/admin/accounts/${a.id}`, { title: '科長' });
      await adminApi.post(`/api/admin/accounts/${a.id}/revoke-sessions`);
      assert.ok(other);
      const trail = (await auditRows(h, { targetLabel: a.account })).map((e) => `${e.action}:${e.result}`);
      assert.deepEqual(trail, [
        'account.create:success',
        ...Array(5).fill('login.failure:failure'),
        'login.locked:failure',
        'account.unlock:success',
        'login.success:success',
        'login.success:success',
        'profile.update:success',
        'session.revoke:success',
        'password.change:success',
        'account.update:success',
        'session.revoke_all:success',
      ]);
      const [revoke] = await auditRows(h, { action: 'session.revoke', targetId: otherId });
      assert.equal(revoke?.actorId, a.id);
    });
  });

  describe('the log cannot be rewritten', () => {
    test('UPDATE on audit_events fails, even as raw SQL', async () => {
      const a = await makeAccount(h);
      await postLogin(h, a.account, WRONG);
      const [event] = await auditRows(h, { action: 'login.failure', targetId: a.id });
      await assert.rejects(
        h.database.withSession((q) => q(`update audit_events set result = 'success' where id = ${event!.id}`)),
        /append-only/u,
      );
      await assert.rejects(
        h.ctx.db.update(auditEvents).set({ actorName: 'someone else' }).where(eq(auditEvents.id, event!.id)),
      );
      const [still] = await auditRows(h, { action: 'login.failure', targetId: a.id });
      assert.deepEqual(still, event);
    });

    test('DELETE and TRUNCATE on audit_events fail', async () => {
      const before = (await search('')).total;
      await assert.rejects(
        h.database.withSession((q) => q('delete from audit_events')),
        /append-only/u,
      );
      await assert.rejects(
        h.database.withSession((q) => q('truncate audit_events')),
        /append-only/u,
      );
      await assert.rejects(h.ctx.db.delete(auditEvents));
      assert.ok((await search('')).total >= before);
    });
  });

  describe('searching', () => {
    test('by account finds events done by it and done to it', async () => {
      const admin = await makeAccount(h, { roles: ['agency_admin'] });
      const a = await makeAccount(h, { orgId: admin.orgId });
      await client(h, await login(h, admin)).patch(`/api/admin/accounts/${a.id}`, { title: '科員' });
      const byAdmin = await search(`account=${admin.account}`);
      assert.ok(byAdmin.items.some((e) => e.action === 'account.update' && e.targetLabel === a.account));
      const toA = await search(`account=${a.account}`);
      assert.ok(toA.items.some((e) => e.action === 'account.update' && e.actor === admin.account));
      assert.ok(toA.items.every((e) => e.actor === a.account || e.targetLabel === a.account));
    });

    test('by action and by result', async () => {
      const a = await makeAccount(h);
      await postLogin(h, a.account, WRONG);
      await postLogin(h, a.account, a.password);
      const failures = await search(`account=${a.account}&result=failure`);
      assert.deepEqual(
        failures.items.map((e) => e.action),
        ['login.failure'],
      );
      const successes = await search(`account=${a.account}&action=login.success`);
      assert.equal(successes.total, 1);
      assert.equal(successes.items[0]?.result, 'success');
    });

    test('by time range, newest first', async () => {
      const a = await makeAccount(h);
      const times: string[] = [];
      for (let i = 0; i < 3; i++) {
        h.clock.advance(HOUR);
        times.push(h.clock.now().toISOString());
        await postLogin(h, a.account, a.password);
      }
      const middle = await search(`account=${a.account}&action=login.success&from=${times[1]}&to=${times[1]}`);
      assert.deepEqual(
        middle.items.map((e) => e.at),
        [times[1]],
      );
      const fromSecond = await search(`account=${a.account}&action=login.success&from=${times[1]}`);
      assert.deepEqual(
        fromSecond.items.map((e) => e.at),
        [times[2], times[1]],
      );
      const untilSecond = await search(
        `account=${a.account}&action=login.success&to=${encodeURIComponent(new Date(Date.parse(times[1]!) + 1).toISOString())}`,
      );
      assert.deepEqual(
        untilSecond.items.map((e) => e.at),
        [times[1], times[0]],
      );
    });

    test('a time with an offset is understood', async () => {
      const a = await makeAccount(h);
      h.clock.advance(HOUR);
      const at = h.clock.now().getTime();
      await postLogin(h, a.account, a.password);
      // The same instant written as Taipei wall-clock time.
      const taipei = encodeURIComponent(new Date(at + 8 * HOUR).toISOString().replace('Z', '+08:00'));
      const hit = await search(`account=${a.account}&action=login.success&from=${taipei}&to=${taipei}`);
      assert.equal(hit.total, 1);
    });

    test('pages through the results with a total', async () => {
      const a = await makeAccount(h);
      for (let i = 0; i < 5; i++) await postLogin(h, a.account, a.password, { remoteAddress: freshAddress() });
      const res = await (
        await sys()
      ).get(`/api/admin/audit?account=${a.account}&action=login.success&page=2&pageSize=2`);
      const body = res.json();
      assert.equal(body.total, 5);
      assert.equal(body.page, 2);
      assert.equal(body.pageSize, 2);
      assert.equal(body.items.length, 2);
    });

    test('LIKE wildcards in the account filter match only themselves', async () => {
      const all = await search('');
      assert.ok(all.total > 0);
      assert.equal((await search(`account=${encodeURIComponent('%')}`)).total, 0);
      assert.equal((await search(`account=${encodeURIComponent('_')}`)).total, 0);
    });

    test('a malformed time or result is a validation error', async () => {
      assertError(await (await sys()).get('/api/admin/audit?from=yesterday'), 400, 'MENHU_ERR_VALIDATION');
      assertError(await (await sys()).get('/api/admin/audit?result=maybe'), 400, 'MENHU_ERR_VALIDATION');
      assertError(await (await sys()).get('/api/admin/audit?pageSize=100000'), 400, 'MENHU_ERR_VALIDATION');
    });
  });

  describe('exporting', () => {
    test('answers with a valid xlsx of the filtered events, labelled in Chinese', async () => {
      const a = await makeAccount(h);
      await postLogin(h, a.account, WRONG);
      await postLogin(h, a.account, a.password);
      const res = await (await sys()).get(`/api/admin/audit/export?account=${a.account}&action=login.success`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(String(res.headers['content-disposition']), /^attachment;.*filename\*=UTF-8''/u);
      const rows = await readXlsx(res.rawPayload);
      assert.deepEqual(rows[0], ['時間', '操作者', '動作', '對象', '結果', '變更前', '變更後', 'IP']);
      assert.equal(rows.length, 2);
      const [time, actor, action, target, result] = rows[1]!;
      assert.match(time!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/u);
      assert.deepEqual([actor, action, target, result], [a.account, '登入成功', a.account, '成功']);
    });

    test('is itself audited with the filter used', async () => {
      const a = await makeAccount(h);
      await (await sys()).get(`/api/admin/audit/export?account=${a.account}`);
      const events = await auditRows(h, { action: 'audit.export' });
      assert.deepEqual((events.at(-1)?.after as { filter: unknown }).filter, { account: a.account });
    });
  });
});
