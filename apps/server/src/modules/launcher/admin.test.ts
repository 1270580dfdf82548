import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AdminCategory, AdminSystem, Launcher } from '@menhu/contracts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, makeOrg } from '../../test-support/factories.ts';
import { assertError, client, type Caller } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { makeCategory, makeIntegrationApp, makeSystem } from './test-fixtures.ts';

const CATEGORIES = '/api/admin/launcher/categories';
const SYSTEMS = '/api/admin/launcher/systems';

describe('系統列表管理 (PORTAL-3, system administrators)', () => {
  let h: Harness;
  let sys: Caller;
  before(async () => {
    h = await createHarness();
    sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
  });
  after(() => h.close());

  let n = 0;
  const name = (prefix: string) => `${prefix}${process.pid}-${++n}`;
  const systems = async () => new Map(((await sys.get(SYSTEMS)).json().items as AdminSystem[]).map((s) => [s.id, s]));
  const categories = async () =>
    new Map(((await sys.get(CATEGORIES)).json().items as AdminCategory[]).map((c) => [c.id, c]));

  test('only system administrators reach it: a user or an agency admin gets 403, nobody 401', async () => {
    const cat = await makeCategory(h);
    const s = await makeSystem(h, { categoryId: cat.id });
    const agencyAdmin = client(h, await login(h, await makeAccount(h, { roles: ['agency_admin'] })));
    const user = client(h, await login(h, await makeAccount(h)));
    const calls = (api: Caller) => [
      api.get(CATEGORIES),
      api.post(CATEGORIES, { name: name('分類') }),
      api.patch(`${CATEGORIES}/${cat.id}`, { sortOrder: 5 }),
      api.delete(`${CATEGORIES}/${cat.id}`),
      api.get(SYSTEMS),
      api.post(SYSTEMS, { name: 'x', categoryId: cat.id, launchMode: 'link', url: 'https://x.example/' }),
      api.patch(`${SYSTEMS}/${s.id}`, { enabled: false }),
      api.delete(`${SYSTEMS}/${s.id}`),
    ];
    for (const api of [user, agencyAdmin])
      for (const res of await Promise.all(calls(api))) assertError(res, 403, 'MENHU_ERR_FORBIDDEN');
    for (const res of await Promise.all(calls(client(h, null)))) assertError(res, 401, 'MENHU_ERR_UNAUTHENTICATED');
    assert.equal((await systems()).get(s.id)?.enabled, true);
    assert.ok((await categories()).has(cat.id));
  });

  describe('categories (分類項目)', () => {
    test('are created, listed in their order with their system counts, and audited', async () => {
      const res = await sys.post(CATEGORIES, { name: name('行政作業'), sortOrder: 3 });
      assert.equal(res.statusCode, 200, res.body);
      const cat = res.json() as AdminCategory;
      assert.equal(cat.systemCount, 0);
      await makeSystem(h, { categoryId: cat.id });
      assert.equal((await categories()).get(cat.id)?.systemCount, 1);
      const [event] = await auditRows(h, { action: 'category.create', targetId: cat.id });
      assert.deepEqual(event?.after, { name: cat.name, sortOrder: 3 });
      const order = [...(await categories()).values()].map((c) => c.sortOrder);
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
      );
    });

    test('a name already in use is 409', async () => {
      const existing = await makeCategory(h);
      const res = await sys.post(CATEGORIES, { name: existing.name });
      assertError(res, 409, 'MENHU_ERR_CONFLICT');
      assert.deepEqual(res.json().error.details, { field: 'name' });
      const other = await makeCategory(h);
      assertError(await sys.patch(`${CATEGORIES}/${other.id}`, { name: existing.name }), 409, 'MENHU_ERR_CONFLICT');
    });

    test('an empty, blank or over-long name is a validation error', async () => {
      for (const bad of ['', '   ', 'x'.repeat(51)])
        assertError(await sys.post(CATEGORIES, { name: bad }), 400, 'MENHU_ERR_VALIDATION');
    });

    test('a change is audited with only what changed', async () => {
      const cat = await makeCategory(h, { sortOrder: 1 });
      const res = await sys.patch(`${CATEGORIES}/${cat.id}`, { sortOrder: 7 });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().sortOrder, 7);
      assert.equal(res.json().name, cat.name);
      const [event] = await auditRows(h, { action: 'category.update', targetId: cat.id });
      assert.deepEqual([event?.before, event?.after], [{ sortOrder: 1 }, { sortOrder: 7 }]);
    });

    test('an unused category is deleted and audited', async () => {
      const cat = await makeCategory(h);
      const res = await sys.delete(`${CATEGORIES}/${cat.id}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(!(await categories()).has(cat.id));
      assert.equal((await auditRows(h, { action: 'category.delete', targetId: cat.id })).length, 1);
    });

    test('a category still holding systems is not deleted (409)', async () => {
      const cat = await makeCategory(h);
      await makeSystem(h, { categoryId: cat.id, enabled: false });
      assertError(await sys.delete(`${CATEGORIES}/${cat.id}`), 409, 'MENHU_ERR_CONFLICT');
      assert.ok((await categories()).has(cat.id));
      assert.equal((await auditRows(h, { action: 'category.delete', targetId: cat.id })).length, 0);
    });

    test('a missing category is 404', async () => {
      assertError(await sys.patch(`${CATEGORIES}/99999999`, { sortOrder: 1 }), 404, 'MENHU_ERR_NOT_FOUND');
      assertError(await sys.delete(`${CATEGORIES}/99999999`), 404, 'MENHU_ERR_NOT_FOUND');
    });
  });

  describe('systems', () => {
    test('are created with their visibility, listed, and audited', async () => {
      const cat = await makeCategory(h);
      const [a, b] = [await makeOrg(h), await makeOrg(h)];
      const res = await sys.post(SYSTEMS, {
        name: '停車管理系統',
        description: '',
        categoryId: cat.id,
        launchMode: 'link',
        url: 'https://parking.example.gov.tw/',
        visibleOrgIds: [b.id, a.id, b.id],
      });
      assert.equal(res.statusCode, 200, res.body);
      const s = res.json() as AdminSystem;
      const expected = {
        id: s.id,
        name: '停車管理系統',
        description: null,
        categoryId: cat.id,
        launchMode: 'link',
        url: 'https://parking.example.gov.tw/',
        appId: null,
        appName: null,
        enabled: true,
        sortOrder: 0,
        visibleOrgIds: [a.id, b.id].sort((x, y) => x - y),
      };
      assert.deepEqual(s, expected);
      assert.deepEqual((await systems()).get(s.id), expected);
      const [event] = await auditRows(h, { action: 'system.create', targetId: s.id });
      assert.equal(event?.targetLabel, '停車管理系統');
      assert.deepEqual((event?.after as { visibleOrgIds: number[] }).visibleOrgIds, expected.visibleOrgIds);
    });

    test('show the name of the application behind them', async () => {
      const app = await makeIntegrationApp(h, (await makeOrg(h)).id, { transfer: true });
      const s = await makeSystem(h, { launchMode: 'transfer', appId: app.id });
      assert.equal((await systems()).get(s.id)?.appName, app.name);
    });

    test('a transfer-login system needs an application; a single sign-on one may go without', async () => {
      const cat = await makeCategory(h);
      const base = { name: name('系統'), categoryId: cat.id, url: 'https://x.example.gov.tw/' };
      const res = await sys.post(SYSTEMS, { ...base, launchMode: 'transfer' });
      assertError(res, 400, 'MENHU_ERR_VALIDATION');
      assert.equal(res.json().error.details[0].path, 'appId');
      assert.equal((await sys.post(SYSTEMS, { ...base, launchMode: 'oidc', appId: null })).statusCode, 200);
    });

    test('unknown references, a bad address or a bad launch mode are validation errors and nothing is saved', async () => {
      const cat = await makeCategory(h);
      const before = (await systems()).size;
      const base = { name: name('系統'), categoryId: cat.id, launchMode: 'link', url: 'https://x.example.gov.tw/' };
      for (const bad of [
        { categoryId: 99999999 },
        { appId: 99999999 },
        { visibleOrgIds: [99999999] },
        { url: 'javascript:alert(1)' },
        { url: 'https://x.example.gov.tw/#frag' },
        { launchMode: 'ftp' },
        { name: '' },
      ])
        assertError(await sys.post(SYSTEMS, { ...base, ...bad }), 400, 'MENHU_ERR_VALIDATION');
      assert.equal((await systems()).size, before);
    });

    test('a change touches only the fields sent and is audited with only what changed', async () => {
      const s = await makeSystem(h, { description: '說明', sortOrder: 4 });
      const res = await sys.patch(`${SYSTEMS}/${s.id}`, { enabled: false });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { ...s, enabled: false });
      const [event] = await auditRows(h, { action: 'system.update', targetId: s.id });
      assert.deepEqual([event?.before, event?.after], [{ enabled: true }, { enabled: false }]);
    });

    test('a change of visibility takes effect at once for the people concerned', async () => {
      const [agency, other] = [await makeOrg(h), await makeOrg(h)];
      const s = await makeSystem(h);
      const person = client(h, await login(h, await makeAccount(h, { orgId: agency.id })));
      const sees = async () =>
        ((await person.get('/api/launcher')).json() as Launcher).systems.some((x) => x.id === s.id);
      assert.equal(await sees(), true);
      await sys.patch(`${SYSTEMS}/${s.id}`, { visibleOrgIds: [other.id] });
      assert.equal(await sees(), false);
      await sys.patch(`${SYSTEMS}/${s.id}`, { visibleOrgIds: [other.id, agency.id] });
      assert.equal(await sees(), true);
      await sys.patch(`${SYSTEMS}/${s.id}`, { visibleOrgIds: [] });
      assert.equal(await sees(), true);
      const events = await auditRows(h, { action: 'system.update', targetId: s.id });
      assert.equal(events.length, 3);
    });

    test('switching an existing system to transfer login without an application is refused', async () => {
      const s = await makeSystem(h);
      assertError(await sys.patch(`${SYSTEMS}/${s.id}`, { launchMode: 'transfer' }), 400, 'MENHU_ERR_VALIDATION');
      assert.equal((await systems()).get(s.id)?.launchMode, 'link');
    });

    test('a change that changes nothing writes no audit record', async () => {
      const s = await makeSystem(h);
      assert.equal((await sys.patch(`${SYSTEMS}/${s.id}`, { name: s.name })).statusCode, 200);
      assert.equal((await auditRows(h, { action: 'system.update', targetId: s.id })).length, 0);
    });

    test('a deleted system leaves the list and everyone’s favourites, audited', async () => {
      const [keep, drop] = [await makeSystem(h), await makeSystem(h)];
      const person = client(h, await login(h, await makeAccount(h)));
      await person.put('/api/launcher/favourites', { systemIds: [drop.id, keep.id] });
      const res = await sys.delete(`${SYSTEMS}/${drop.id}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(!(await systems()).has(drop.id));
      assert.deepEqual(((await person.get('/api/launcher')).json() as Launcher).favourites, [keep.id]);
      const [event] = await auditRows(h, { action: 'system.delete', targetId: drop.id });
      assert.equal((event?.before as { name: string }).name, drop.name);
    });

    test('a missing system is 404', async () => {
      assertError(await sys.patch(`${SYSTEMS}/99999999`, { enabled: true }), 404, 'MENHU_ERR_NOT_FOUND');
      assertError(await sys.delete(`${SYSTEMS}/99999999`), 404, 'MENHU_ERR_NOT_FOUND');
    });
  });
});
