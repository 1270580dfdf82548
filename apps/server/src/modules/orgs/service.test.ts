import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Org } from '@menhu/contracts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, makeOrg } from '../../test-support/factories.ts';
import { assertError, client, type Caller } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';

let n = 0;
const code = () => `ORG${process.pid}N${++n}`.slice(0, 20);

describe('the organisation tree (ACC-1)', () => {
  let h: Harness;
  let sys: Caller;
  before(async () => {
    h = await createHarness();
    sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
  });
  after(() => h.close());

  const tree = async () => new Map(((await sys.get('/api/orgs')).json().items as Org[]).map((o) => [o.id, o]));
  /** agency → unit → sub-unit */
  const chain = async () => {
    const agency = await makeOrg(h, { name: '上層機關' });
    const unit = await makeOrg(h, { parentId: agency.id });
    const sub = await makeOrg(h, { parentId: unit.id });
    return { agency, unit, sub };
  };

  test('a system admin creates an organisation; its code is upper-cased and it appears in the tree', async () => {
    const c = code().toLowerCase();
    const res = await sys.post('/api/admin/orgs', {
      code: c,
      name: '嘉禾市政府測試局',
      shortName: '測試局',
      type: 'external',
      parentId: null,
      mailQuota: 7,
    });
    assert.equal(res.statusCode, 200);
    const org = res.json() as Org;
    assert.equal(org.code, c.toUpperCase());
    assert.deepEqual((await tree()).get(org.id), { ...org, accountCount: 0 });
    const [event] = await auditRows(h, { action: 'org.create', targetId: org.id });
    assert.equal((event?.after as { code: string }).code, c.toUpperCase());
  });

  test('a code already in use is 409', async () => {
    const existing = await makeOrg(h);
    const res = await sys.post('/api/admin/orgs', {
      code: existing.code.toLowerCase(),
      name: '重複',
      shortName: '重複',
      type: 'internal',
      parentId: null,
    });
    assertError(res, 409, 'MENHU_ERR_CONFLICT');
  });

  test('an unknown parent, type or malformed code is a validation error', async () => {
    const base = { code: code(), name: '新機關', shortName: '新', type: 'internal', parentId: null };
    for (const bad of [{ parentId: 99999999 }, { type: '部會' }, { code: 'A!' }, { code: 'x'.repeat(21) }]) {
      assertError(await sys.post('/api/admin/orgs', { ...base, ...bad }), 400, 'MENHU_ERR_VALIDATION');
    }
  });

  test('moving an organisation under itself is refused as a cycle', async () => {
    const { agency } = await chain();
    assertError(await sys.patch(`/api/admin/orgs/${agency.id}`, { parentId: agency.id }), 422, 'MENHU_ERR_ORG_CYCLE');
  });

  test('moving an organisation under its own descendant is refused and nothing moves', async () => {
    const { agency, unit, sub } = await chain();
    const before = await tree();
    for (const target of [unit.id, sub.id]) {
      assertError(await sys.patch(`/api/admin/orgs/${agency.id}`, { parentId: target }), 422, 'MENHU_ERR_ORG_CYCLE');
    }
    const after = await tree();
    for (const id of [agency.id, unit.id, sub.id]) assert.deepEqual(after.get(id), before.get(id));
  });

  test('moving a subtree takes its units along', async () => {
    const { agency, unit, sub } = await chain();
    const newParent = await makeOrg(h);
    const res = await sys.patch(`/api/admin/orgs/${agency.id}`, { parentId: newParent.id });
    assert.equal(res.statusCode, 200);
    const t = await tree();
    assert.equal(t.get(agency.id)?.parentId, newParent.id);
    assert.equal(t.get(unit.id)?.parentId, agency.id);
    assert.equal(t.get(sub.id)?.parentId, unit.id);
    const [event] = await auditRows(h, { action: 'org.move', targetId: agency.id });
    assert.deepEqual(event?.after, { parentId: newParent.id });
  });

  test('after a move the agency admin of the moved agency still manages its units', async () => {
    const { agency, sub } = await chain();
    const admin = await makeAccount(h, { orgId: agency.id, roles: ['agency_admin'] });
    const deep = await makeAccount(h, { orgId: sub.id });
    const newParent = await makeOrg(h);
    await sys.patch(`/api/admin/orgs/${agency.id}`, { parentId: newParent.id });
    const api = client(h, await login(h, admin));
    assert.equal((await api.get(`/api/admin/accounts/${deep.id}`)).statusCode, 200);
    const listed = (await api.get('/api/admin/accounts')).json().items.map((a: { account: string }) => a.account);
    assert.deepEqual(listed.sort(), [admin.account, deep.account].sort());
  });

  test('after a move the new parent’s agency admin manages the moved subtree, the old parent’s does not', async () => {
    const oldParent = await makeOrg(h);
    const newParent = await makeOrg(h);
    const { agency, sub } = await chain();
    await sys.patch(`/api/admin/orgs/${agency.id}`, { parentId: oldParent.id });
    const oldAdmin = client(h, await login(h, await makeAccount(h, { orgId: oldParent.id, roles: ['agency_admin'] })));
    const newAdmin = client(h, await login(h, await makeAccount(h, { orgId: newParent.id, roles: ['agency_admin'] })));
    const deep = await makeAccount(h, { orgId: sub.id });
    assert.equal((await oldAdmin.get(`/api/admin/accounts/${deep.id}`)).statusCode, 200);
    await sys.patch(`/api/admin/orgs/${agency.id}`, { parentId: newParent.id });
    assertError(await oldAdmin.get(`/api/admin/accounts/${deep.id}`), 404, 'MENHU_ERR_NOT_FOUND');
    assert.equal((await newAdmin.get(`/api/admin/accounts/${deep.id}`)).statusCode, 200);
  });

  test('a rename is audited with only the changed fields', async () => {
    const org = await makeOrg(h, { name: '舊名稱' });
    const res = await sys.patch(`/api/admin/orgs/${org.id}`, { name: '新名稱', type: 'internal' });
    assert.equal(res.json().name, '新名稱');
    const [event] = await auditRows(h, { action: 'org.update', targetId: org.id });
    assert.deepEqual(event?.before, { name: '舊名稱' });
    assert.deepEqual(event?.after, { name: '新名稱' });
  });

  test('an update that leaves out the mail quota keeps it', async () => {
    const org = await makeOrg(h);
    const newParent = await makeOrg(h);
    await sys.patch(`/api/admin/orgs/${org.id}`, { mailQuota: 42 });
    await sys.patch(`/api/admin/orgs/${org.id}`, { name: '改名' });
    await sys.patch(`/api/admin/orgs/${org.id}`, { parentId: newParent.id });
    assert.equal((await tree()).get(org.id)?.mailQuota, 42);
  });

  test('updating an organisation that does not exist is 404', async () => {
    assertError(await sys.patch('/api/admin/orgs/99999999', { name: '無' }), 404, 'MENHU_ERR_NOT_FOUND');
  });

  test('the tree counts the accounts of each organisation itself, not of its units', async () => {
    const { agency, unit, sub } = await chain();
    await makeAccount(h, { orgId: unit.id });
    await makeAccount(h, { orgId: unit.id });
    await makeAccount(h, { orgId: sub.id });
    const t = await tree();
    assert.deepEqual(
      [agency, unit, sub].map((o) => t.get(o.id)?.accountCount),
      [0, 2, 1],
    );
  });
});
