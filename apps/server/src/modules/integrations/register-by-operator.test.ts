/** `menhu apps add`: an operator registers an application that belongs to nobody, services approved. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { SYSTEM, login, makeAccount, makeOrg, type TestAccount } from '../../test-support/factories.ts';
import { client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { registerAppAsOperator } from './register-by-operator.ts';

describe('registering an application as an operator', () => {
  let h: Harness;
  let orgId: number;
  let person: TestAccount;
  let sysAdmin: TestAccount;
  const app = (name: string) => ({
    name,
    url: 'https://leave.example.gov.tw/',
    orgId,
    contactName: '系統維運',
    contactEmail: 'ops@example.gov.tw',
  });

  before(async () => {
    h = await createHarness();
    orgId = (await makeOrg(h)).id;
    person = await makeAccount(h, { orgId, name: '林驗證' });
    sysAdmin = await makeAccount(h, { roles: ['system_admin'] });
  });
  after(() => h.close());

  test('the application has no owner, its services are approved and its credentials work at once', async () => {
    const out = await registerAppAsOperator(
      h.ctx,
      { app: app('差勤系統'), services: { verify: { claims: ['name'], description: '差勤登入' } } },
      SYSTEM,
    );
    assert.ok(out.apcode && out.aptoken);
    assert.equal(out.client_id, undefined);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { 'x-apcode': out.apcode, 'x-aptoken': out.aptoken },
      payload: { account: person.account, password: person.password },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().claims, { name: '林驗證' });
    const admin = client(h, await login(h, sysAdmin));
    const seen = (await admin.get(`/api/integrations/apps/${out.id}`)).json();
    assert.equal(seen.ownerId, null);
    assert.equal(seen.services.find((s: { service: string }) => s.service === 'verify').status, 'approved');
    assert.equal((await auditRows(h, { action: 'integration.service.approve', targetId: out.id })).length, 1);
  });

  test('單一登入 yields an OIDC client and its secret, shown once', async () => {
    const out = await registerAppAsOperator(
      h.ctx,
      {
        app: app('公文系統'),
        services: {
          sso: { claims: ['name', 'org_code'], redirectUris: ['https://doc.example.gov.tw/cb'], description: '公文' },
          transfer: { claims: ['name'], entryUrl: 'https://doc.example.gov.tw/entry', description: '公文轉登' },
        },
      },
      SYSTEM,
    );
    assert.ok(out.client_id && out.client_secret);
    const exchange = (secret: string) =>
      h.app.inject({
        method: 'POST',
        url: '/oidc/token',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${out.client_id}:${secret}`).toString('base64')}`,
        },
        payload: new URLSearchParams({
          grant_type: 'authorization_code',
          code: 'not-a-code',
          redirect_uri: 'https://doc.example.gov.tw/cb',
        }).toString(),
      });
    // With its secret the client authenticates (the made-up code is what is refused); without, not.
    assert.equal((await exchange(out.client_secret!)).json().error, 'invalid_grant');
    assert.equal((await exchange('wrong')).json().error, 'invalid_client');
  });

  test('nobody but system administrators sees an ownerless application', async () => {
    const out = await registerAppAsOperator(h.ctx, { app: app('無主系統'), services: {} }, SYSTEM);
    const own = client(h, await login(h, person));
    assert.equal((await own.get(`/api/integrations/apps/${out.id}`)).statusCode, 404);
    const listed = (await own.get('/api/integrations/apps?pageSize=200')).json();
    assert.ok(!listed.items.some((a: { id: number }) => a.id === out.id));
  });

  test('a request missing what its service needs is refused before anything is written', async () => {
    const before = (await auditRows(h, { action: 'integration.app.create' })).length;
    await assert.rejects(
      registerAppAsOperator(
        h.ctx,
        { app: app('缺網址'), services: { transfer: { claims: ['name'], description: '轉登' } } },
        SYSTEM,
      ),
      { code: 'MENHU_ERR_VALIDATION' },
    );
    assert.equal((await auditRows(h, { action: 'integration.app.create' })).length, before);
  });
});
