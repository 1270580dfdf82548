import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ImportReport, Org } from '@menhu/contracts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, SYSTEM } from '../../test-support/factories.ts';
import { assertError, client, type Caller } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { importOrgs } from './import-orgs.ts';

const HEADER = 'code,name,short_name,type,parent_code,mail_quota';
let n = 0;
/** A fresh code prefix per test, so each test's organisations are its own. */
const prefix = () => `C${process.pid % 1000}T${++n}X`;

describe('importing organisations from CSV (ACC-1)', () => {
  let h: Harness;
  let sys: Caller;
  before(async () => {
    h = await createHarness();
    sys = client(h, await login(h, await makeAccount(h, { roles: ['system_admin'] })));
  });
  after(() => h.close());

  const upload = (csv: string) => sys.post('/api/admin/orgs/import', csv, { 'content-type': 'text/csv' });
  const report = async (csv: string): Promise<ImportReport> => {
    const res = await upload(csv);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const counts = (r: ImportReport) => ({
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
  });
  const byCode = async () => new Map(((await sys.get('/api/orgs')).json().items as Org[]).map((o) => [o.code, o]));

  test('creates the organisations and reports each row', async () => {
    const p = prefix();
    const r = await report(
      [HEADER, `${p}A,嘉禾市政府甲局,甲局,internal,,20`, `${p}A1,嘉禾市政府甲局一科,一科,internal,${p}A,0`].join('\n'),
    );
    assert.deepEqual(counts(r), { created: 2, updated: 0, unchanged: 0, rejected: 0 });
    assert.deepEqual(
      r.rows.map((x) => [x.line, x.code, x.result]),
      [
        [2, `${p}A`, 'created'],
        [3, `${p}A1`, 'created'],
      ],
    );
    const orgs = await byCode();
    assert.equal(orgs.get(`${p}A1`)?.parentId, orgs.get(`${p}A`)?.id);
    assert.equal(orgs.get(`${p}A`)?.mailQuota, 20);
  });

  test('a second identical import changes nothing', async () => {
    const p = prefix();
    const csv = [HEADER, `${p}A,甲局全銜,甲局,internal,,20`, `${p}B,乙局全銜,乙局,school,${p}A,5`].join('\n');
    await report(csv);
    const again = await report(csv);
    assert.deepEqual(counts(again), { created: 0, updated: 0, unchanged: 2, rejected: 0 });
    assert.ok(again.rows.every((x) => x.result === 'unchanged'));
  });

  test('a changed row updates the organisation', async () => {
    const p = prefix();
    await report([HEADER, `${p}A,甲局全銜,甲局,internal,,20`, `${p}B,乙局全銜,乙局,internal,,5`].join('\n'));
    const r = await report(
      [HEADER, `${p}A,甲局新全銜,甲局,internal,,20`, `${p}B,乙局全銜,乙局,internal,,5`].join('\n'),
    );
    assert.deepEqual(counts(r), { created: 0, updated: 1, unchanged: 1, rejected: 0 });
    assert.equal((await byCode()).get(`${p}A`)?.name, '甲局新全銜');
  });

  test('a child listed before its parent is created under it', async () => {
    const p = prefix();
    const r = await report(
      [HEADER, `${p}C2,孫,孫,internal,${p}C1,0`, `${p}C1,子,子,internal,${p}P,0`, `${p}P,父,父,internal,,0`].join('\n'),
    );
    assert.deepEqual(counts(r), { created: 3, updated: 0, unchanged: 0, rejected: 0 });
    const orgs = await byCode();
    assert.equal(orgs.get(`${p}C2`)?.parentId, orgs.get(`${p}C1`)?.id);
    assert.equal(orgs.get(`${p}C1`)?.parentId, orgs.get(`${p}P`)?.id);
  });

  test('Chinese headers and type labels are understood', async () => {
    const p = prefix();
    const csv = [
      '機關代碼,機關全銜,機關簡稱,機關類型,上層機關代碼,郵件配額',
      `${p}I,嘉禾市政府資訊局,資訊局,府內單位,,10`,
      `${p}E,嘉禾市警察局,警察局,府外機關,,10`,
      `${p}D,嘉禾市中山區公所,中山區公所,區公所,,10`,
      `${p}S,嘉禾市立第一高中,第一高中,學校,${p}I,3`,
    ].join('\n');
    assert.deepEqual(counts(await report(csv)), { created: 4, updated: 0, unchanged: 0, rejected: 0 });
    const orgs = await byCode();
    assert.deepEqual(
      ['I', 'E', 'D', 'S'].map((x) => orgs.get(`${p}${x}`)?.type),
      ['internal', 'external', 'district', 'school'],
    );
  });

  test('invalid rows are rejected with a reason while the valid rows commit', async () => {
    const p = prefix();
    const r = await report(
      [
        HEADER,
        `${p}OK1,有效一,有效一,internal,,0`,
        `bad code!,壞代碼,壞代碼,internal,,0`,
        `${p}T,未知類型,未知類型,部會,,0`,
        `${p}M,缺上層,缺上層,internal,${p}NOPE,0`,
        `${p}OK2,有效二,有效二,internal,,0`,
        `${p}OK2,重複代碼,重複代碼,internal,,0`,
        `${p}SELF,自己的上層,自己,internal,${p}SELF,0`,
        `${p}Q,負配額,負配額,internal,,-1`,
      ].join('\n'),
    );
    assert.deepEqual(counts(r), { created: 2, updated: 0, unchanged: 0, rejected: 6 });
    const reasons = new Map(r.rows.filter((x) => x.result === 'rejected').map((x) => [x.line, x.reason ?? '']));
    assert.match(reasons.get(3)!, /^code: /u);
    assert.match(reasons.get(4)!, /^type: /u);
    assert.equal(reasons.get(5), `parent code ${p}NOPE not found`);
    assert.equal(reasons.get(7), 'duplicate code in this file');
    assert.equal(reasons.get(8), 'an organisation cannot be its own parent');
    assert.match(reasons.get(9)!, /^mailQuota: /u);
    const orgs = await byCode();
    assert.ok(orgs.has(`${p}OK1`) && orgs.has(`${p}OK2`));
    assert.equal(orgs.get(`${p}OK2`)?.name, '有效二', 'the first of two duplicate rows wins');
    for (const c of [`${p}T`, `${p}M`, `${p}SELF`, `${p}Q`]) assert.ok(!orgs.has(c), c);
  });

  test('rows whose parents refer to each other are rejected, not looped over', async () => {
    const p = prefix();
    const r = await report([HEADER, `${p}X,甲,甲,internal,${p}Y,0`, `${p}Y,乙,乙,internal,${p}X,0`].join('\n'));
    assert.deepEqual(counts(r), { created: 0, updated: 0, unchanged: 0, rejected: 2 });
  });

  test('an update that would move an organisation under its own unit is rejected as a cycle', async () => {
    const p = prefix();
    await report([HEADER, `${p}P,父,父,internal,,0`, `${p}C,子,子,internal,${p}P,0`].join('\n'));
    const r = await report([HEADER, `${p}P,父,父,internal,${p}C,0`].join('\n'));
    assert.deepEqual(counts(r), { created: 0, updated: 0, unchanged: 0, rejected: 1 });
    assert.equal(r.rows[0]?.reason, 'moving here would create a cycle');
    assert.equal((await byCode()).get(`${p}P`)?.parentId, null);
  });

  test('a byte-order mark, CRLF line ends, quoted commas and blank lines are fine', async () => {
    const p = prefix();
    const csv = `\uFEFF${HEADER}\r\n${p}A,"嘉禾市政府,甲局",甲局,internal,,0\r\n\r\n${p}B,乙局,乙局,internal,,0\r\n`;
    assert.deepEqual(counts(await report(csv)), { created: 2, updated: 0, unchanged: 0, rejected: 0 });
    assert.equal((await byCode()).get(`${p}A`)?.name, '嘉禾市政府,甲局');
  });

  test('a file missing a required column is refused with 400 MENHU_ERR_CSV', async () => {
    const res = await upload(['code,name,short_name', 'X1,甲,甲'].join('\n'));
    assertError(res, 400, 'MENHU_ERR_CSV');
    assert.equal(res.json().error.details.message, 'missing column type');
  });

  test('an empty file or malformed CSV is refused with 400 MENHU_ERR_CSV', async () => {
    assertError(await upload('\uFEFF'), 400, 'MENHU_ERR_CSV');
    assertError(await upload(`${HEADER}\n"unclosed,甲,甲,internal,,0`), 400, 'MENHU_ERR_CSV');
  });

  test('a JSON body is refused as the wrong media type', async () => {
    const res = await sys.post('/api/admin/orgs/import', { rows: [] });
    assertError(res, 415, 'MENHU_ERR_UNSUPPORTED_MEDIA');
  });

  test('an import is audited with its counts', async () => {
    const p = prefix();
    await report([HEADER, `${p}A,甲,甲,internal,,0`, `bad!,乙,乙,internal,,0`].join('\n'));
    const events = await auditRows(h, { action: 'org.import' });
    assert.deepEqual(events.at(-1)?.after, { created: 1, updated: 0, unchanged: 0, rejected: 1 });
  });

  test('the service gives the same report as the endpoint', async () => {
    const p = prefix();
    const csv = [HEADER, `${p}A,甲,甲,district,,0`, `${p}B,乙,乙,district,${p}A,0`, `,,,,,`].join('\n');
    const direct = await importOrgs(h.ctx, csv, SYSTEM);
    assert.deepEqual(counts(direct), { created: 2, updated: 0, unchanged: 0, rejected: 1 });
    const again = await importOrgs(h.ctx, csv, SYSTEM);
    assert.deepEqual(counts(again), { created: 0, updated: 0, unchanged: 2, rejected: 1 });
    assert.deepEqual(await report(csv), again);
  });
});
