import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, makeOrg, SYSTEM } from '../../test-support/factories.ts';
import { assertError, client, type Caller } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { eq } from 'drizzle-orm';
import { integrationApps, transferTickets } from '../../platform/db/schema.ts';
import { deleteSystem } from './system-service.ts';
import { makeIntegrationApp, makeSystem } from './test-fixtures.ts';

describe('opening a system from its tile (PORTAL-3, SSO-3)', () => {
  let h: Harness;
  let orgId: number;
  let api: Caller;
  let accountId: number;
  before(async () => {
    h = await createHarness();
    orgId = (await makeOrg(h)).id;
    const person = await makeAccount(h, { orgId });
    accountId = person.id;
    api = client(h, await login(h, person));
  });
  after(() => h.close());

  const launch = (id: number, caller = api) => caller.post(`/api/launcher/systems/${id}/launch`);
  const urlOf = async (id: number) => {
    const res = await launch(id);
    assert.equal(res.statusCode, 200, res.body);
    return new URL((res.json() as { url: string }).url);
  };

  test('a plain link opens its address', async () => {
    const s = await makeSystem(h, { launchMode: 'link', url: 'https://parking.example.gov.tw/login' });
    assert.equal((await urlOf(s.id)).href, 'https://parking.example.gov.tw/login');
  });

  test('a single sign-on tile without an application opens its address', async () => {
    const s = await makeSystem(h, { launchMode: 'oidc', url: 'https://sso-ready.example.gov.tw/' });
    assert.equal((await urlOf(s.id)).href, 'https://sso-ready.example.gov.tw/');
  });

  test('a single sign-on tile opens the application’s initiate-login URI with the issuer and its address', async () => {
    const app = await makeIntegrationApp(h, orgId, { initiateLoginUri: 'https://rp.example.gov.tw/oidc/start' });
    const s = await makeSystem(h, { launchMode: 'oidc', appId: app.id, url: 'https://rp.example.gov.tw/home' });
    const url = await urlOf(s.id);
    assert.equal(`${url.origin}${url.pathname}`, 'https://rp.example.gov.tw/oidc/start');
    assert.equal(url.searchParams.get('iss'), `${h.config.publicUrl}/oidc`);
    assert.equal(url.searchParams.get('target_link_uri'), 'https://rp.example.gov.tw/home');
  });

  test('a transfer-login tile gets a fresh single-use ticket for the application’s entry URL, audited', async () => {
    const app = await makeIntegrationApp(h, orgId, { transfer: true });
    const s = await makeSystem(h, { launchMode: 'transfer', appId: app.id });
    const first = await urlOf(s.id);
    const second = await urlOf(s.id);
    assert.equal(`${first.origin}${first.pathname}`, app.entryUrl);
    assert.match(first.searchParams.get('ticket') ?? '', /^[\w-]{40,}$/u);
    assert.notEqual(first.searchParams.get('ticket'), second.searchParams.get('ticket'));
    const tickets = await h.ctx.db.select().from(transferTickets);
    assert.equal(tickets.filter((t) => t.appId === app.id && t.accountId === accountId).length, 2);
    assert.equal((await auditRows(h, { action: 'transfer.issue', targetId: app.id })).length, 2);
  });

  test('a transfer-login tile whose application has no approved 轉登 is 409 and issues nothing', async () => {
    const app = await makeIntegrationApp(h, orgId);
    const s = await makeSystem(h, { launchMode: 'transfer', appId: app.id });
    assertError(await launch(s.id), 409, 'MENHU_ERR_LAUNCH_UNAVAILABLE');
    const tickets = await h.ctx.db.select().from(transferTickets);
    assert.equal(tickets.filter((t) => t.appId === app.id).length, 0);
  });

  test('a transfer-login tile whose application was deleted is 409', async () => {
    const app = await makeIntegrationApp(h, orgId, { transfer: true });
    const s = await makeSystem(h, { launchMode: 'transfer', appId: app.id });
    await h.ctx.db.delete(integrationApps).where(eq(integrationApps.id, app.id));
    assertError(await launch(s.id), 409, 'MENHU_ERR_LAUNCH_UNAVAILABLE');
  });

  test('a tile whose application is suspended is 409', async () => {
    const transfer = await makeIntegrationApp(h, orgId, { transfer: true, status: 'suspended' });
    const sso = await makeIntegrationApp(h, orgId, { initiateLoginUri: 'https://x.example/', status: 'suspended' });
    for (const s of [
      await makeSystem(h, { launchMode: 'transfer', appId: transfer.id }),
      await makeSystem(h, { launchMode: 'oidc', appId: sso.id }),
    ])
      assertError(await launch(s.id), 409, 'MENHU_ERR_LAUNCH_UNAVAILABLE');
  });

  test('a system the person cannot see, a disabled one or a missing one is 404', async () => {
    const elsewhere = await makeSystem(h, { visibleOrgIds: [(await makeOrg(h)).id] });
    const off = await makeSystem(h, { enabled: false });
    const gone = await makeSystem(h);
    await deleteSystem(h.ctx, gone.id, SYSTEM);
    for (const id of [elsewhere.id, off.id, gone.id, 2_147_483_647])
      assertError(await launch(id), 404, 'MENHU_ERR_NOT_FOUND');
  });

  test('a system limited to the person’s agency opens for a colleague in one of its units', async () => {
    const unit = await makeOrg(h, { parentId: orgId });
    const s = await makeSystem(h, { visibleOrgIds: [orgId], url: 'https://agency-only.example.gov.tw/' });
    const colleague = client(h, await login(h, await makeAccount(h, { orgId: unit.id })));
    const res = await launch(s.id, colleague);
    assert.equal(res.statusCode, 200, res.body);
  });

  test('needs a signed-in person and the CSRF token', async () => {
    const s = await makeSystem(h);
    assertError(await launch(s.id, client(h, null)), 401, 'MENHU_ERR_UNAUTHENTICATED');
    assertError(
      await api.post(`/api/launcher/systems/${s.id}/launch`, undefined, { 'x-csrf-token': 'forged' }),
      403,
      'MENHU_ERR_CSRF',
    );
  });
});
