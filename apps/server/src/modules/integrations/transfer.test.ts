/** SSO-3 轉登: tickets are single use, short-lived, bound to one application and one person. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import {
  SYSTEM,
  freshAddress,
  postLogin,
  makeAccount,
  makeIntegrationApp,
  type TestAccount,
  type TestApp,
  disableAccount,
} from '../../test-support/factories.ts';
import { assertError } from '../../test-support/http.ts';
import { auditRows } from '../../test-support/inspect.ts';
import { TICKET_TTL_MS, issueTransferTicket } from './transfer.ts';

describe('transfer login (SSO-3)', () => {
  let h: Harness;
  let person: TestAccount;
  let app: TestApp;
  let other: TestApp;
  const ENTRY = 'https://doc.example.gov.tw/sso/entry?lang=zh';

  const redeem = (headers: Record<string, string>, ticket: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/transfer/redeem', headers, payload: { ticket } });
  const issue = async (appId = app.id, accountId = person.id) => {
    const { url } = await issueTransferTicket(h.ctx, { appId, accountId }, SYSTEM);
    return new URL(url).searchParams.get('ticket')!;
  };

  before(async () => {
    h = await createHarness();
    const owner = await makeAccount(h);
    person = await makeAccount(h, { name: '黃轉登' });
    app = await makeIntegrationApp(h, owner, {
      transfer: { entryUrl: ENTRY, claims: ['name', 'email'], description: '公文系統' },
    });
    other = await makeIntegrationApp(h, owner, {
      transfer: { entryUrl: 'https://other.example.gov.tw/entry', claims: ['name'], description: '另一系統' },
    });
  });
  after(() => h.close());

  test('the ticket goes to the approved entry URL (keeping its query) and redeems once for the approved claims', async () => {
    const { url, expiresAt } = await issueTransferTicket(h.ctx, { appId: app.id, accountId: person.id }, SYSTEM);
    const u = new URL(url);
    assert.equal(`${u.origin}${u.pathname}`, 'https://doc.example.gov.tw/sso/entry');
    assert.equal(u.searchParams.get('lang'), 'zh');
    assert.equal(expiresAt.getTime() - h.clock.now().getTime(), TICKET_TTL_MS);
    const ticket = u.searchParams.get('ticket')!;
    assert.ok(ticket.length >= 40);
    const res = await redeem(app.headers, ticket);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.sub, String(person.id));
    assert.equal(body.account, person.account);
    assert.deepEqual(Object.keys(body.claims), ['name']); // no e-mail on file: only what exists
    assert.equal(body.claims.name, '黃轉登');
    assertError(await redeem(app.headers, ticket), 400, 'MENHU_ERR_TICKET_USED');
    const refused = await auditRows(h, { action: 'transfer.refused' });
    assert.ok(refused.some((r) => (r.after as { reason: string }).reason === 'MENHU_ERR_TICKET_USED'));
    assert.ok((await auditRows(h, { action: 'transfer.redeem' })).length >= 1);
  });

  test('a ticket is refused after 60 seconds', async () => {
    const ticket = await issue();
    h.clock.advance(TICKET_TTL_MS + 1);
    assertError(await redeem(app.headers, ticket), 400, 'MENHU_ERR_TICKET_EXPIRED');
  });

  test('a ticket redeemed by another application is refused, and stays usable by its own', async () => {
    const ticket = await issue();
    assertError(await redeem(other.headers, ticket), 400, 'MENHU_ERR_TICKET_WRONG_APP');
    assert.equal((await redeem(app.headers, ticket)).statusCode, 200);
  });

  test('an unknown ticket, or one for a person disabled since, is invalid', async () => {
    assertError(await redeem(app.headers, 'not-a-ticket'), 400, 'MENHU_ERR_TICKET_INVALID');
    const leaving = await makeAccount(h);
    const ticket = await issue(app.id, leaving.id);
    await disableAccount(h, leaving.id);
    assertError(await redeem(app.headers, ticket), 400, 'MENHU_ERR_TICKET_INVALID');
  });

  test('a ticket for a person locked out since is invalid', async () => {
    const locked = await makeAccount(h);
    const ticket = await issue(app.id, locked.id);
    for (let i = 0; i < 5; i++) await postLogin(h, locked.account, `Wrong-${i}-pw!`, { remoteAddress: freshAddress() });
    assertError(await redeem(app.headers, ticket), 400, 'MENHU_ERR_TICKET_INVALID');
  });

  test('two concurrent redemptions: exactly one succeeds', async () => {
    const ticket = await issue();
    const answers = await Promise.all([redeem(app.headers, ticket), redeem(app.headers, ticket)]);
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 400]);
  });

  test('wrong APTOKEN → 401; no ticket is issued for an application without 轉登', async () => {
    const ticket = await issue();
    assertError(await redeem({ ...app.headers, 'x-aptoken': 'nope' }, ticket), 401, 'MENHU_ERR_APP_UNAUTHORIZED');
    const owner = await makeAccount(h);
    const verifyOnly = await makeIntegrationApp(h, owner, { verify: { description: 'x' } });
    await assert.rejects(issueTransferTicket(h.ctx, { appId: verifyOnly.id, accountId: person.id }, SYSTEM), {
      code: 'MENHU_ERR_LAUNCH_UNAVAILABLE',
    });
    assertError(await redeem(verifyOnly.headers, ticket), 403, 'MENHU_ERR_SERVICE_NOT_APPROVED');
  });
});
