import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Launcher } from '@menhu/contracts';
import { systemCategories, systems } from '../../platform/db/schema.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login } from '../../test-support/factories.ts';
import { client } from '../../test-support/http.ts';
import { DEMO_PASSWORD } from './demo-data.ts';
import { DEMO_CATEGORIES, DEMO_SYSTEMS } from './demo-launcher.ts';
import { seedDemo, type SeedSummary } from './seed.ts';

describe('the demo 系統列表 (seed --demo)', () => {
  let h: Harness;
  let summary: SeedSummary;
  before(async () => {
    h = await createHarness();
    summary = await seedDemo(h.ctx);
  });
  after(() => h.close());

  const launcherOf = async (account: string) =>
    (await client(h, await login(h, { account, password: DEMO_PASSWORD })).get('/api/launcher')).json() as Launcher;
  const count = async () => ({
    systems: (await h.ctx.db.select().from(systems)).length,
    categories: (await h.ctx.db.select().from(systemCategories)).length,
  });

  test('holds about thirty systems at fictional example.gov.tw addresses in the six categories', async () => {
    assert.equal(summary.systems, DEMO_SYSTEMS.length);
    assert.ok(summary.systems >= 25 && summary.systems <= 40, String(summary.systems));
    const rows = await h.ctx.db.select().from(systems);
    assert.ok(rows.every((s) => /^https:\/\/[a-z0-9-]+\.example\.gov\.tw\/$/u.test(s.url)));
    const names = (await h.ctx.db.select().from(systemCategories)).map((c) => c.name);
    assert.deepEqual(names.sort(), [...DEMO_CATEGORIES].sort());
  });

  test('leaves the names of the example integrated applications free', async () => {
    const names = new Set((await h.ctx.db.select().from(systems)).map((s) => s.name));
    for (const reserved of ['範例 OIDC 應用系統', '範例帳號驗證系統', '範例轉登系統']) assert.ok(!names.has(reserved));
  });

  test('user01 of the information centre sees its intranet but not another agency’s systems', async () => {
    const seen = new Set((await launcherOf('user01')).systems.map((s) => s.name));
    assert.ok(seen.has('公文管理系統'));
    assert.ok(seen.has('資訊中心內部網站'));
    for (const other of ['衛生局防疫系統', '消防救災派遣系統', '地政整合系統']) assert.ok(!seen.has(other), other);
    assert.equal((await launcherOf('user01')).categories.length, DEMO_CATEGORIES.length);
  });

  test('a second run changes nothing', async () => {
    const before = await count();
    const again = await seedDemo(h.ctx);
    assert.equal(again.skipped, true);
    assert.equal(again.systems, 0);
    assert.deepEqual(await count(), before);
  });

  test('a demo database made before the 系統列表 existed gets it on the next run', async () => {
    await h.ctx.db.delete(systems);
    await h.ctx.db.delete(systemCategories);
    const again = await seedDemo(h.ctx);
    assert.equal(again.skipped, false);
    assert.equal(again.systems, DEMO_SYSTEMS.length);
    assert.deepEqual(await count(), { systems: DEMO_SYSTEMS.length, categories: DEMO_CATEGORIES.length });
  });
});
