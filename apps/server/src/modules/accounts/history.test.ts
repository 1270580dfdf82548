import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, makeOrg } from '../../test-support/factories.ts';

describe('an account’s change history (ACC-4)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  test('an agency admin sees the changes made to an account of the agency, newest first, and exports them', async () => {
    const agency = await makeOrg(h);
    const admin = await makeAccount(h, { orgId: agency.id, roles: ['agency_admin'] });
    const target = await makeAccount(h, { orgId: agency.id });
    const s = await login(h, admin);
    const patch = await h.app.inject({
      method: 'PATCH',
      url: `/api/admin/accounts/${target.id}`,
      headers: s.headers,
      payload: { title: '專員' },
    });
    assert.equal(patch.statusCode, 200);
    await h.app.inject({ method: 'POST', url: `/api/admin/accounts/${target.id}/unlock`, headers: s.headers });

    const res = await h.app.inject({
      method: 'GET',
      url: `/api/admin/accounts/${target.id}/history`,
      headers: s.headers,
    });
    assert.equal(res.statusCode, 200);
    const actions = res.json().items.map((e: { action: string }) => e.action);
    assert.equal(actions[0], 'account.unlock');
    assert.ok(actions.includes('account.update'));
    const update = res.json().items.find((e: { action: string }) => e.action === 'account.update');
    assert.deepEqual(update.after, { title: '專員' });

    const xlsx = await h.app.inject({
      method: 'GET',
      url: `/api/admin/accounts/${target.id}/history/export`,
      headers: s.headers,
    });
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0]!.getRow(1).getCell(1).value, '時間');
    assert.ok(wb.worksheets[0]!.rowCount >= 3);
  });

  test('the history of an account outside the admin’s agency is not found', async () => {
    const mine = await makeOrg(h);
    const other = await makeOrg(h);
    const admin = await makeAccount(h, { orgId: mine.id, roles: ['agency_admin'] });
    const stranger = await makeAccount(h, { orgId: other.id });
    const s = await login(h, admin);
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/admin/accounts/${stranger.id}/history`,
      headers: s.headers,
    });
    assert.equal(res.statusCode, 404);
  });
});
