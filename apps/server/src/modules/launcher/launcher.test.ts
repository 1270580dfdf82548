import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Launcher } from '@menhu/contracts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, makeOrg, SYSTEM } from '../../test-support/factories.ts';
import { assertError, client, type Caller } from '../../test-support/http.ts';
import { updateSystem } from './system-service.ts';
import { makeCategory, makeSystem } from './test-fixtures.ts';

describe('the system list (PORTAL-3 系統列表)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  /** city → agency → unit, and a second agency beside the first. */
  const tree = async () => {
    const city = await makeOrg(h, { name: '嘉禾市政府' });
    const agency = await makeOrg(h, { parentId: city.id });
    const unit = await makeOrg(h, { parentId: agency.id });
    const other = await makeOrg(h, { parentId: city.id });
    return { city, agency, unit, other };
  };
  const personIn = async (orgId: number): Promise<Caller> => client(h, await login(h, await makeAccount(h, { orgId })));
  const launcherOf = async (api: Caller): Promise<Launcher> => {
    const res = await api.get('/api/launcher');
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Launcher;
  };
  const ids = async (api: Caller) => new Set((await launcherOf(api)).systems.map((s) => s.id));

  describe('who sees a system', () => {
    test('a system limited to an agency is seen in the agency and all its units, not beside or above it', async () => {
      const { city, agency, unit, other } = await tree();
      const limited = await makeSystem(h, { visibleOrgIds: [agency.id] });
      assert.ok((await ids(await personIn(agency.id))).has(limited.id));
      assert.ok((await ids(await personIn(unit.id))).has(limited.id));
      assert.ok(!(await ids(await personIn(other.id))).has(limited.id));
      assert.ok(!(await ids(await personIn(city.id))).has(limited.id));
    });

    test('a system limited to several agencies is seen in each of them', async () => {
      const { agency, other, city } = await tree();
      const shared = await makeSystem(h, { visibleOrgIds: [agency.id, other.id] });
      assert.ok((await ids(await personIn(agency.id))).has(shared.id));
      assert.ok((await ids(await personIn(other.id))).has(shared.id));
      assert.ok(!(await ids(await personIn(city.id))).has(shared.id));
    });

    test('a system with no limits is seen by everyone; a disabled one by no one', async () => {
      const { unit, other } = await tree();
      const open = await makeSystem(h);
      const off = await makeSystem(h, { enabled: false });
      for (const orgId of [unit.id, other.id]) {
        const seen = await ids(await personIn(orgId));
        assert.ok(seen.has(open.id));
        assert.ok(!seen.has(off.id));
      }
    });

    test('lists only the categories holding a visible system, in their order, with systems in theirs', async () => {
      const { agency, other } = await tree();
      const later = await makeCategory(h, { sortOrder: 9000 });
      const first = await makeCategory(h, { sortOrder: 0 });
      const hidden = await makeCategory(h, { sortOrder: 1 });
      const b = await makeSystem(h, { categoryId: later.id, sortOrder: 2, name: 'B 系統' });
      const a = await makeSystem(h, { categoryId: later.id, sortOrder: 1, name: 'A 系統' });
      await makeSystem(h, { categoryId: first.id });
      await makeSystem(h, { categoryId: hidden.id, visibleOrgIds: [other.id] });
      const l = await launcherOf(await personIn(agency.id));
      const shown = l.categories.map((c) => c.id);
      assert.ok(shown.includes(first.id) && shown.includes(later.id));
      assert.ok(!shown.includes(hidden.id));
      assert.ok(shown.indexOf(first.id) < shown.indexOf(later.id));
      const inLater = l.systems.filter((s) => s.categoryId === later.id).map((s) => s.id);
      assert.deepEqual(inLater, [a.id, b.id]);
    });

    test('each system shows its name, description, launch mode and address, and not its application', async () => {
      const s = await makeSystem(h, {
        name: '公文管理系統',
        description: '線上簽核',
        url: 'https://doc.example.gov.tw/',
      });
      const seen = (await launcherOf(await personIn((await makeOrg(h)).id))).systems.find((x) => x.id === s.id);
      assert.deepEqual(seen, {
        id: s.id,
        name: '公文管理系統',
        description: '線上簽核',
        categoryId: s.categoryId,
        launchMode: 'link',
        url: 'https://doc.example.gov.tw/',
        favourite: false,
      });
    });

    test('needs a signed-in person', async () => {
      assertError(await client(h, null).get('/api/launcher'), 401, 'MENHU_ERR_UNAUTHENTICATED');
    });
  });

  describe('常用系統 (favourites)', () => {
    test('are kept in the order sent and flagged on each system', async () => {
      const [s1, s2, s3] = [await makeSystem(h), await makeSystem(h), await makeSystem(h)];
      const api = await personIn((await makeOrg(h)).id);
      const res = await api.put('/api/launcher/favourites', { systemIds: [s3.id, s1.id] });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { systemIds: [s3.id, s1.id] });
      const l = await launcherOf(api);
      assert.deepEqual(l.favourites, [s3.id, s1.id]);
      const flag = new Map(l.systems.map((s) => [s.id, s.favourite]));
      assert.deepEqual([flag.get(s1.id), flag.get(s2.id), flag.get(s3.id)], [true, false, true]);
    });

    test('reordering, adding and removing are all saving the new list', async () => {
      const [s1, s2, s3] = [await makeSystem(h), await makeSystem(h), await makeSystem(h)];
      const api = await personIn((await makeOrg(h)).id);
      await api.put('/api/launcher/favourites', { systemIds: [s1.id, s2.id] });
      await api.put('/api/launcher/favourites', { systemIds: [s2.id, s1.id] });
      assert.deepEqual((await launcherOf(api)).favourites, [s2.id, s1.id]);
      await api.put('/api/launcher/favourites', { systemIds: [s2.id, s1.id, s3.id] });
      await api.put('/api/launcher/favourites', { systemIds: [s2.id, s3.id] });
      assert.deepEqual((await launcherOf(api)).favourites, [s2.id, s3.id]);
      await api.put('/api/launcher/favourites', { systemIds: [] });
      assert.deepEqual((await launcherOf(api)).favourites, []);
    });

    test('are each person’s own', async () => {
      const s = await makeSystem(h);
      const org = await makeOrg(h);
      const [me, colleague] = [await personIn(org.id), await personIn(org.id)];
      await me.put('/api/launcher/favourites', { systemIds: [s.id] });
      assert.deepEqual((await launcherOf(colleague)).favourites, []);
    });

    test('a system the person cannot see, a missing one or a repeated one is refused and nothing changes', async () => {
      const { agency, other } = await tree();
      const mine = await makeSystem(h);
      const theirs = await makeSystem(h, { visibleOrgIds: [other.id] });
      const off = await makeSystem(h, { enabled: false });
      const api = await personIn(agency.id);
      await api.put('/api/launcher/favourites', { systemIds: [mine.id] });
      for (const systemIds of [[mine.id, theirs.id], [off.id], [99_999_999], [mine.id, mine.id], [0], ['x']]) {
        assertError(await api.put('/api/launcher/favourites', { systemIds }), 400, 'MENHU_ERR_VALIDATION');
      }
      assert.deepEqual((await launcherOf(api)).favourites, [mine.id]);
    });

    test('a favourite of a system switched off is hidden, survives a reorder and returns when it is back', async () => {
      const [s1, s2, s3] = [await makeSystem(h), await makeSystem(h), await makeSystem(h)];
      const api = await personIn((await makeOrg(h)).id);
      await api.put('/api/launcher/favourites', { systemIds: [s1.id, s2.id, s3.id] });
      await updateSystem(h.ctx, s2.id, { enabled: false }, SYSTEM);
      assert.deepEqual((await launcherOf(api)).favourites, [s1.id, s3.id]);
      await api.put('/api/launcher/favourites', { systemIds: [s3.id, s1.id] });
      await updateSystem(h.ctx, s2.id, { enabled: true }, SYSTEM);
      const back = (await launcherOf(api)).favourites;
      assert.deepEqual(new Set(back), new Set([s1.id, s2.id, s3.id]));
      assert.ok(back.indexOf(s3.id) < back.indexOf(s1.id));
    });

    test('saves at once from several tabs all succeed and one of the lists wins whole', async () => {
      const [s1, s2, s3] = [await makeSystem(h), await makeSystem(h), await makeSystem(h)];
      const api = await personIn((await makeOrg(h)).id);
      const lists = [[s1.id, s2.id], [s3.id, s2.id, s1.id], [s2.id], [s1.id, s3.id]];
      const answers = await Promise.all(
        [...lists, ...lists].map((systemIds) => api.put('/api/launcher/favourites', { systemIds })),
      );
      assert.deepEqual(
        answers.map((r) => r.statusCode),
        answers.map(() => 200),
      );
      const saved = (await launcherOf(api)).favourites;
      assert.ok(
        lists.some((l) => JSON.stringify(l) === JSON.stringify(saved)),
        JSON.stringify(saved),
      );
    });

    test('a save needs the CSRF token', async () => {
      const s = await makeSystem(h);
      const api = await personIn((await makeOrg(h)).id);
      assertError(
        await api.put('/api/launcher/favourites', { systemIds: [s.id] }, { 'x-csrf-token': 'forged' }),
        403,
        'MENHU_ERR_CSRF',
      );
    });
  });
});
