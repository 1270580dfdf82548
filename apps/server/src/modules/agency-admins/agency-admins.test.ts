/**
 * ACC-5 機關管理員查詢 through HTTP: the nearest agency administrators over an organisation, only
 * office contact details, only from the intranet (SSO-6), no sign-in needed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { disableAccount, makeAccount, makeOrg } from '../../test-support/factories.ts';
import { assertError } from '../../test-support/http.ts';

describe('機關管理員查詢 (ACC-5)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ INTRANET_CIDRS: '10.0.0.0/8' });
  });
  after(() => h.close());

  const ask = (orgId: number, remoteAddress = '10.2.3.4') =>
    h.app.inject({ method: 'GET', url: `/api/public/agency-admins?orgId=${orgId}`, remoteAddress });

  test('the agency’s own administrators, else the nearest above; contact details only', async () => {
    const bureau = await makeOrg(h);
    const section = await makeOrg(h, { parentId: bureau.id });
    const admin = await makeAccount(h, { orgId: bureau.id, roles: ['agency_admin'], name: '陳管理' });
    await makeAccount(h, { orgId: section.id, name: '一般同仁' });

    const up = await ask(section.id);
    assert.equal(up.statusCode, 200, up.body);
    const body = up.json();
    assert.equal(body.org.id, section.id);
    assert.equal(body.administeredBy.id, bureau.id);
    assert.deepEqual(
      body.admins.map((a: { name: string }) => a.name),
      ['陳管理'],
    );
    assert.deepEqual(Object.keys(body.admins[0]).sort(), ['email', 'name', 'officePhone', 'phoneExt', 'title']);

    await makeAccount(h, { orgId: section.id, roles: ['agency_admin'], name: '林科長' });
    const leaving = await makeAccount(h, { orgId: section.id, roles: ['agency_admin'], name: '張股長' });
    assert.deepEqual(
      (await ask(section.id))
        .json()
        .admins.map((a: { name: string }) => a.name)
        .sort(),
      ['張股長', '林科長'].sort(),
    );
    // A disabled administrator is nobody to contact.
    await disableAccount(h, leaving.id);
    assert.deepEqual(
      (await ask(section.id)).json().admins.map((a: { name: string }) => a.name),
      ['林科長'],
    );
    assert.ok(admin.id);
  });

  test('an organisation nobody administers says so; an unknown one is 404', async () => {
    const lonely = await makeOrg(h);
    const res = (await ask(lonely.id)).json();
    assert.equal(res.administeredBy, null);
    assert.deepEqual(res.admins, []);
    assertError(await ask(2_000_000), 404, 'MENHU_ERR_NOT_FOUND');
  });

  test('from outside the intranet both the lookup and the organisation list are refused', async () => {
    const org = await makeOrg(h);
    assertError(await ask(org.id, '203.0.113.7'), 403, 'MENHU_ERR_INTRANET_ONLY');
    const list = await h.app.inject({ method: 'GET', url: '/api/public/orgs', remoteAddress: '203.0.113.7' });
    assertError(list, 403, 'MENHU_ERR_INTRANET_ONLY');
    const inside = await h.app.inject({ method: 'GET', url: '/api/public/orgs', remoteAddress: '10.0.0.9' });
    assert.equal(inside.statusCode, 200);
    assert.ok(inside.json().items.some((o: { id: number }) => o.id === org.id));
  });
});
