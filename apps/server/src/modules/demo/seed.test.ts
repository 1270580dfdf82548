import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isValidTaiwanId, ORG_TYPES, type Org } from '@menhu/contracts';
import { AppError } from '../../platform/http/errors.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, postLogin } from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { DEMO_PASSWORD, ROOT_CODE } from './demo-data.ts';
import { DEMO_USER01_ID_NUMBER, seedDemo, type SeedSummary } from './seed.ts';

describe('the demo city (seed --demo)', () => {
  let h: Harness;
  let summary: SeedSummary;
  before(async () => {
    h = await createHarness();
    summary = await seedDemo(h.ctx);
  });
  after(() => h.close());

  const sql = (text: string) => h.database.withSession((q) => q(text));
  const demo = (account: string) => ({ account, password: DEMO_PASSWORD });

  test('holds about 60 organisations covering all four types', async () => {
    assert.equal(summary.skipped, false);
    assert.ok(summary.orgs >= 50 && summary.orgs <= 70, String(summary.orgs));
    const orgs = (await client(h, await login(h, demo('user01'))).get('/api/orgs')).json().items as Org[];
    assert.equal(orgs.length, summary.orgs);
    assert.deepEqual([...new Set(orgs.map((o) => o.type))].sort(), [...ORG_TYPES].sort());
  });

  test('holds about 300 active accounts', async () => {
    assert.ok(summary.accounts >= 250 && summary.accounts <= 350, String(summary.accounts));
    const [row] = await sql(
      `select count(*)::int as n, count(*) filter (where status = 'active')::int as active from accounts`,
    );
    assert.deepEqual(row, { n: summary.accounts, active: summary.accounts });
  });

  test('every agency directly under the city has at least two agency admins of its own', async () => {
    const rows = await sql(`
      select o.short_name as agency,
             (select count(*)::int from accounts a join account_roles r on r.account_id = a.id
               where r.role = 'agency_admin' and a.org_id = o.id and a.status = 'active') as admins
        from orgs o
       where o.parent_id = (select id from orgs where code = '${ROOT_CODE}')`);
    assert.ok(rows.length >= 20, String(rows.length));
    assert.deepEqual(
      rows.filter((r) => (r.admins as number) < 2),
      [],
    );
  });

  test('sysadmin, agencyadmin and user01 sign in with the demo password and their roles', async () => {
    const expected: [string, string[]][] = [
      ['sysadmin', ['user', 'system_admin']],
      ['agencyadmin', ['user', 'agency_admin']],
      ['user01', ['user']],
    ];
    for (const [account, roles] of expected) {
      const res = await postLogin(h, account, DEMO_PASSWORD);
      assert.equal(res.statusCode, 200, account);
      assert.deepEqual(res.json().roles, roles);
      assert.equal(res.json().passwordChangeRequired, null, account);
    }
  });

  test('every account has a valid national ID number of its own, stored encrypted', async () => {
    const rows = await sql(`select id_number_enc, id_number_last4 from accounts`);
    const ids = rows.map((r) => h.ctx.cipher.decrypt(String(r.id_number_enc)));
    assert.ok(ids.every(isValidTaiwanId));
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(rows.every((r, i) => r.id_number_last4 === ids[i]!.slice(-4)));
  });

  test("user01's ID number is the published demo one (行動自然人憑證 on the simulator)", async () => {
    const rows = await sql(
      `select account from accounts where id_number_index = '${h.ctx.cipher.index(DEMO_USER01_ID_NUMBER)}'`,
    );
    assert.deepEqual(
      rows.map((r) => r.account),
      ['user01'],
    );
  });

  test('the demo agency admin manages only the information centre', async () => {
    const res = await client(h, await login(h, demo('agencyadmin'))).get('/api/admin/accounts?pageSize=200');
    const items = res.json().items as { org: { code: string } }[];
    assert.ok(items.length >= 9);
    const codes = new Set(items.map((a) => a.org.code));
    assert.ok(
      [...codes].every((c) => c.startsWith('39901')),
      [...codes].join(),
    );
  });

  test('the demo agency admin cannot reset the demo system admin’s password', async () => {
    const sysadmin = (await sql(`select id from accounts where account = 'sysadmin'`))[0]!.id;
    const api = client(h, await login(h, demo('agencyadmin')));
    assertError(await api.post(`/api/admin/accounts/${Number(sysadmin)}/reset-password`), 403, 'MENHU_ERR_FORBIDDEN');
    assert.equal((await postLogin(h, 'sysadmin', DEMO_PASSWORD)).statusCode, 200);
  });

  test('a second run changes nothing', async () => {
    const again = await seedDemo(h.ctx);
    assert.equal(again.skipped, true);
    const [row] = await sql(`select count(*)::int as n from accounts`);
    assert.equal(row?.n, summary.accounts);
  });

  test('is refused in production', async () => {
    const production = { ...h.ctx, config: { ...h.config, env: 'production' as const } };
    await assert.rejects(
      seedDemo(production),
      (err) => err instanceof AppError && err.code === 'MENHU_ERR_DEMO_IN_PRODUCTION',
    );
  });
});
