import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { isValidTaiwanId } from '@menhu/contracts';
import { login, makeAccount, makeOrg } from '../../test-support/factories.ts';
import { client } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';

/** Two valid ID numbers that differ but end in the same four characters (so the mask is equal). */
function sameTailIds(): [string, string] {
  const seen = new Map<string, string>();
  for (const letter of 'ABCDEFGHJK') {
    for (let d = 0; d < 10; d++) {
      for (let check = 0; check < 10; check++) {
        const id = `${letter}1${d}975310${check}`.slice(0, 10);
        if (!isValidTaiwanId(id)) continue;
        const other = seen.get(id.slice(-4));
        if (other && other !== id) return [other, id];
        seen.set(id.slice(-4), id);
      }
    }
  }
  throw new Error('no pair found');
}

describe('concurrent administration and audit completeness', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  test('two admins disabling each other at the same moment leave the agency one active admin (LC-4)', async () => {
    const agency = await makeOrg(h);
    const a = await makeAccount(h, { orgId: agency.id, roles: ['agency_admin'] });
    const b = await makeAccount(h, { orgId: agency.id, roles: ['agency_admin'] });
    const [sa, sb] = [await login(h, a), await login(h, b)];
    const answers = await Promise.all([
      client(h, sa).post(`/api/admin/accounts/${b.id}/status`, { status: 'disabled' }),
      client(h, sb).post(`/api/admin/accounts/${a.id}/status`, { status: 'disabled' }),
    ]);
    const codes = answers.map((r) => r.statusCode).sort();
    assert.ok(
      codes.includes(422) || codes.includes(401),
      `one of the two must be refused, got ${answers.map((r) => `${r.statusCode} ${r.body}`).join(' | ')}`,
    );
    const sys = await makeAccount(h, { roles: ['system_admin'] });
    const list = await client(h, await login(h, sys)).get(
      `/api/admin/accounts?orgId=${agency.id}&includeSubOrgs=false&role=agency_admin&status=active`,
    );
    assert.equal(list.json().total, 1);
  });

  test('two organisations created at once with the same code: one is created, the other is told it exists', async () => {
    const sys = await makeAccount(h, { roles: ['system_admin'] });
    const s = client(h, await login(h, sys));
    const body = { code: 'RACE01', name: '競態測試機關', shortName: '競態', type: 'internal', parentId: null };
    const answers = await Promise.all([s.post('/api/admin/orgs', body), s.post('/api/admin/orgs', body)]);
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 409]);
  });

  test('changing an ID number to another with the same last four characters is still audited', async () => {
    const sys = await makeAccount(h, { roles: ['system_admin'] });
    const s = client(h, await login(h, sys));
    const target = await makeAccount(h);
    const [first, second] = sameTailIds();
    assert.equal(first.slice(-4), second.slice(-4));
    assert.notEqual(first, second);
    assert.equal((await s.patch(`/api/admin/accounts/${target.id}`, { idNumber: first })).statusCode, 200);
    assert.equal((await s.patch(`/api/admin/accounts/${target.id}`, { idNumber: second })).statusCode, 200);
    const events = await auditRows(h, { action: 'account.update', targetId: target.id });
    assert.equal(events.length, 2);
    const last = events[1]!;
    assert.ok(JSON.stringify(last.after).includes('idNumberRef'));
    assert.doesNotMatch(JSON.stringify(events), new RegExp(first.slice(0, 6), 'u'));
  });
});
