import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { passwordMeetsPolicy } from '@menhu/contracts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, makeOrg, postLogin, taiwanId } from '../../test-support/factories.ts';
import { assertError, client, type Caller } from '../../test-support/http.ts';
import { auditRows, readXlsx } from '../../test-support/inspect.ts';

let n = 0;
const newName = () => `new${process.pid}x${++n}`;

describe('account administration (ACC-2, ACC-4)', () => {
  let h: Harness;
  let sys: Caller;
  before(async () => {
    h = await createHarness();
    sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
  });
  after(() => h.close());

  const create = async (body: Record<string, unknown>) => {
    const orgId = body.orgId ?? (await makeOrg(h)).id;
    return sys.post('/api/admin/accounts', { account: newName(), name: '新進人員', ...body, orgId });
  };

  describe('creating an account', () => {
    test('answers with the account and a temporary password that meets the policy', async () => {
      const res = await create({ name: '陳新人', title: '科員' });
      assert.equal(res.statusCode, 200);
      const { account, temporaryPassword } = res.json();
      assert.equal(account.name, '陳新人');
      assert.equal(account.status, 'active');
      assert.equal(account.mustChangePassword, true);
      assert.deepEqual(account.roles, ['user']);
      assert.equal(passwordMeetsPolicy(temporaryPassword, account.account), true);
    });

    test('the temporary password signs in with a forced password change', async () => {
      const { account, temporaryPassword } = (await create({})).json();
      const res = await postLogin(h, account.account, temporaryPassword);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().passwordChangeRequired, 'forced');
    });

    test('the account name is stored in lower case', async () => {
      const name = newName().toUpperCase();
      const res = await create({ account: name });
      assert.equal(res.json().account.account, name.toLowerCase());
    });

    test('a duplicate account name, in any case, is 409', async () => {
      const name = newName();
      assert.equal((await create({ account: name })).statusCode, 200);
      for (const again of [name, name.toUpperCase()]) {
        const res = await create({ account: again });
        assertError(res, 409, 'MENHU_ERR_CONFLICT');
        assert.deepEqual(res.json().error.details, { field: 'account' });
      }
    });

    test('is audited with the masked ID number', async () => {
      const id = taiwanId();
      const { account } = (await create({ idNumber: id })).json();
      const [event] = await auditRows(h, { action: 'account.create', targetId: account.id });
      assert.ok(event);
      assert.equal((event.after as { idNumber: string }).idNumber, `****${id.slice(-4)}`);
      assert.doesNotMatch(JSON.stringify(event), new RegExp(id, 'u'));
    });
  });

  describe('the national ID number', () => {
    test('is stored encrypted: the row holds neither the number nor its digits', async () => {
      const id = taiwanId();
      const { account } = (await create({ idNumber: id })).json();
      const [row] = await h.database.withSession((q) =>
        q(`select id_number_enc, id_number_last4, id_number_index from accounts where id = ${Number(account.id)}`),
      );
      assert.ok(row);
      const enc = String(row.id_number_enc);
      assert.match(enc, /^v1\./u);
      assert.ok(!enc.includes(id) && !enc.includes(id.slice(1)), enc);
      assert.ok(!String(row.id_number_index).includes(id.slice(1)));
      assert.equal(row.id_number_last4, id.slice(-4));
      assert.equal(h.ctx.cipher.decrypt(enc), id, 'the key holder can still read it');
    });

    test('every API answer shows only **** and the last four digits', async () => {
      const id = taiwanId();
      const { account } = (await create({ idNumber: id })).json();
      const answers = [
        await sys.get(`/api/admin/accounts/${account.id}`),
        await sys.get(`/api/admin/accounts?q=${account.account}`),
        await sys.patch(`/api/admin/accounts/${account.id}`, { title: '技士' }),
        await sys.get(`/api/admin/audit?account=${account.account}`),
      ];
      for (const res of answers) {
        assert.equal(res.statusCode, 200);
        assert.ok(!res.body.includes(id.slice(1)), res.body);
      }
      assert.equal(answers[0]!.json().idNumberMasked, `****${id.slice(-4)}`);
      const rows = await readXlsx((await sys.get(`/api/admin/accounts/export?q=${account.account}`)).rawPayload);
      assert.ok(!JSON.stringify(rows).includes(id.slice(1)));
    });

    test('a lower-case ID number is normalised', async () => {
      const id = taiwanId();
      const { account } = (await create({ idNumber: id.toLowerCase() })).json();
      assert.equal(account.idNumberMasked, `****${id.slice(-4)}`);
      const [row] = await h.database.withSession((q) =>
        q(`select id_number_enc from accounts where id = ${Number(account.id)}`),
      );
      assert.equal(h.ctx.cipher.decrypt(String(row!.id_number_enc)), id);
    });

    test('a second account with the same ID number, in any case, is 409', async () => {
      const id = taiwanId();
      assert.equal((await create({ idNumber: id })).statusCode, 200);
      for (const again of [id, id.toLowerCase()]) {
        const res = await create({ idNumber: again });
        assertError(res, 409, 'MENHU_ERR_CONFLICT');
        assert.deepEqual(res.json().error.details, { field: 'idNumber' });
      }
    });

    test('giving an existing account someone else’s ID number is 409', async () => {
      const id = taiwanId();
      await create({ idNumber: id });
      const { account } = (await create({})).json();
      const res = await sys.patch(`/api/admin/accounts/${account.id}`, { idNumber: id });
      assertError(res, 409, 'MENHU_ERR_CONFLICT');
    });

    test('a wrong checksum is a validation error naming the field', async () => {
      const res = await create({ idNumber: 'A123456788' });
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
      assert.ok((res.json().error.details as { path: string }[]).some((d) => d.path === 'body.idNumber'));
    });
  });

  describe('updating an account', () => {
    test('records an audit event with before and after of only the changed fields', async () => {
      const a = await makeAccount(h, { name: '林舊名' });
      const res = await sys.patch(`/api/admin/accounts/${a.id}`, {
        name: '林舊名',
        title: '科長',
        officePhone: '06-2991111',
      });
      assert.equal(res.statusCode, 200);
      const [event] = await auditRows(h, { action: 'account.update', targetId: a.id });
      assert.ok(event);
      assert.deepEqual(event.before, { title: null, officePhone: null });
      assert.deepEqual(event.after, { title: '科長', officePhone: '06-2991111' });
    });

    test('an update that changes nothing writes no audit event', async () => {
      const a = await makeAccount(h, { name: '不變' });
      await sys.patch(`/api/admin/accounts/${a.id}`, { name: '不變' });
      assert.deepEqual(await auditRows(h, { action: 'account.update', targetId: a.id }), []);
    });

    test('moving an agency admin to another organisation drops the agency admin role', async () => {
      const from = await makeOrg(h);
      const to = await makeOrg(h);
      const mover = await makeAccount(h, { orgId: from.id, roles: ['agency_admin'] });
      await makeAccount(h, { orgId: from.id, roles: ['agency_admin'] });
      const res = await sys.patch(`/api/admin/accounts/${mover.id}`, { orgId: to.id });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().org.id, to.id);
      assert.deepEqual(res.json().roles, ['user']);
      const [event] = await auditRows(h, { action: 'account.move', targetId: mover.id });
      // The audit shows the move and the agency-admin right it ended.
      assert.deepEqual(event?.before, { orgId: from.id, roles: ['agency_admin'] });
      assert.deepEqual(event?.after, { orgId: to.id, roles: [] });
      assert.deepEqual((await postLogin(h, mover.account, mover.password)).json().roles, ['user']);
    });

    test('the sole agency admin of an organisation cannot be moved away', async () => {
      const from = await makeOrg(h);
      const to = await makeOrg(h);
      const sole = await makeAccount(h, { orgId: from.id, roles: ['agency_admin'] });
      assertError(await sys.patch(`/api/admin/accounts/${sole.id}`, { orgId: to.id }), 422, 'MENHU_ERR_LAST_ADMIN');
    });

    test('moving to an organisation that does not exist is a validation error', async () => {
      const a = await makeAccount(h);
      const res = await sys.patch(`/api/admin/accounts/${a.id}`, { orgId: 99999999 });
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
    });
  });

  describe('resetting a password', () => {
    test('hands out a temporary password, ends the sessions and forces a change', async () => {
      const a = await makeAccount(h);
      const s = await login(h, a);
      const res = await sys.post(`/api/admin/accounts/${a.id}/reset-password`);
      assert.equal(res.statusCode, 200);
      const { temporaryPassword } = res.json();
      assertError(await client(h, s).get('/api/me'), 401, 'MENHU_ERR_UNAUTHENTICATED');
      assertError(await postLogin(h, a.account, a.password), 401, 'MENHU_ERR_INVALID_CREDENTIALS');
      assert.equal((await postLogin(h, a.account, temporaryPassword)).json().passwordChangeRequired, 'forced');
      const [event] = await auditRows(h, { action: 'password.reset', targetId: a.id });
      assert.ok(event);
      assert.ok(!JSON.stringify(event).includes(temporaryPassword));
    });
  });

  describe('exporting the account list', () => {
    test('answers with an xlsx attachment whose header row starts 帳號, 姓名', async () => {
      const a = await makeAccount(h, { name: '匯出甲' });
      const res = await sys.get(`/api/admin/accounts/export?q=${a.account}`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(String(res.headers['content-disposition']), /^attachment;/u);
      const rows = await readXlsx(res.rawPayload);
      assert.deepEqual(rows[0]!.slice(0, 2), ['帳號', '姓名']);
      assert.deepEqual(
        rows.slice(1).map((r) => r.slice(0, 2)),
        [[a.account, '匯出甲']],
      );
    });

    test('an agency admin’s export holds only their agency', async () => {
      const mine = await makeOrg(h);
      const theirs = await makeOrg(h);
      const admin = await makeAccount(h, { orgId: mine.id, roles: ['agency_admin'] });
      const colleague = await makeAccount(h, { orgId: mine.id });
      await makeAccount(h, { orgId: theirs.id });
      const res = await client(h, await login(h, admin)).get('/api/admin/accounts/export');
      const accounts = (await readXlsx(res.rawPayload)).slice(1).map((r) => r[0]);
      assert.deepEqual(accounts.sort(), [admin.account, colleague.account].sort());
    });

    test('filters apply to the export as to the list', async () => {
      const org = await makeOrg(h);
      const active = await makeAccount(h, { orgId: org.id });
      const disabled = await makeAccount(h, { orgId: org.id });
      await sys.post(`/api/admin/accounts/${disabled.id}/status`, { status: 'disabled' });
      const all = await readXlsx((await sys.get(`/api/admin/accounts/export?orgId=${org.id}`)).rawPayload);
      assert.equal(all.length, 3);
      const onlyDisabled = await readXlsx(
        (await sys.get(`/api/admin/accounts/export?orgId=${org.id}&status=disabled`)).rawPayload,
      );
      assert.deepEqual(
        onlyDisabled.slice(1).map((r) => [r[0], r[6]]),
        [[disabled.account, '停用']],
      );
      const byName = await readXlsx((await sys.get(`/api/admin/accounts/export?q=${active.account}`)).rawPayload);
      assert.deepEqual(
        byName.slice(1).map((r) => r[0]),
        [active.account],
      );
    });
  });
});
