/** GET /api/integrations/apps: one's own applications; `all=true` lets a system administrator see everyone's. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, makeIntegrationApp, type TestAccount } from '../../test-support/factories.ts';
import { client } from '../../test-support/http.ts';

describe('GET /api/integrations/apps', () => {
  let h: Harness;
  let admin: TestAccount;
  let adminApp: number;
  let othersApp: number;

  const ids = async (query: string) => {
    const res = await client(h, await login(h, admin)).get(`/api/integrations/apps${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: { id: number }[] }).items.map((a) => a.id);
  };

  before(async () => {
    h = await createHarness();
    admin = await makeAccount(h, { roles: ['system_admin'] });
    adminApp = (await makeIntegrationApp(h, admin, {})).id;
    othersApp = (await makeIntegrationApp(h, await makeAccount(h), {})).id;
  });
  after(() => h.close());

  test('a system administrator sees only their own applications without all=true', async () => {
    assert.deepEqual(await ids(''), [adminApp]);
  });

  test('all=false means their own, not everyone’s', async () => {
    assert.deepEqual(await ids('?all=false'), [adminApp]);
  });

  test('all=true lists every application', async () => {
    const all = await ids('?all=true');
    assert.ok(all.includes(adminApp) && all.includes(othersApp));
  });
});
