/**
 * INT-1..4 through HTTP: registration with a shown-once, hashed APTOKEN; owners see only their
 * own applications; requests, review and history; approving 單一登入 creates a working OIDC
 * client whose secret the owner issues once; suspension and revocation; statistics export and
 * the generated guide.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, type Session, type TestAccount } from '../../test-support/factories.ts';
import { assertError, client } from '../../test-support/http.ts';
import { auditRows, readXlsx } from '../../test-support/inspect.ts';
import { integrationApps } from '../../platform/db/schema.ts';
import { sha256 } from '../../platform/crypto.ts';
import { Browser, freePort } from '../../test-support/browser.ts';

const CALLBACK = 'https://leave.example.gov.tw/callback';

describe('應用系統服務介接管理 (INT-1..4)', () => {
  let h: Harness;
  let base: string;
  let owner: TestAccount;
  let ownerSession: Session;
  let stranger: Session;
  let admin: Session;

  const newApp = (s: Session, name = '差勤管理系統') =>
    client(h, s).post('/api/integrations/apps', {
      name,
      url: 'https://leave.example.gov.tw/',
      orgId: owner.orgId,
      vendor: '嘉禾資訊股份有限公司',
      contactName: '王承辦',
      contactEmail: 'wang@example.gov.tw',
    });

  /** A system admin's decision on what they saw: the request as it stands now. */
  const review = async (appId: number, service: string, body: Record<string, unknown>) => {
    const app = (await client(h, admin).get(`/api/integrations/apps/${appId}`)).json() as {
      services: { service: string; requestedAt: string }[];
    };
    const requestedAt = app.services.find((s) => s.service === service)!.requestedAt;
    return client(h, admin).post(`/api/admin/integrations/apps/${appId}/services/${service}/review`, {
      ...body,
      requestedAt,
    });
  };

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await createHarness({ PUBLIC_URL: base });
    await h.app.listen({ port, host: '127.0.0.1' });
    owner = await makeAccount(h, { name: '王承辦' });
    ownerSession = await login(h, owner);
    stranger = await login(h, await makeAccount(h));
    admin = await login(h, await makeAccount(h, { roles: ['system_admin'] }));
  });
  after(() => h.close());

  test('registering gives an APCODE and an APTOKEN shown once and stored only as a hash', async () => {
    const res = await newApp(ownerSession);
    assert.equal(res.statusCode, 200, res.body);
    const { app, aptoken } = res.json();
    assert.match(app.apcode, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}$/u);
    assert.ok(aptoken.length >= 40);
    const [row] = await h.ctx.db.select().from(integrationApps).where(eq(integrationApps.id, app.id));
    assert.equal(row!.tokenHash, sha256(aptoken));
    const again = (await client(h, ownerSession).get(`/api/integrations/apps/${app.id}`)).body;
    assert.equal(again.includes(aptoken), false, 'never shown again');
    assert.deepEqual(
      app.services.map((s: { service: string; status: string }) => [s.service, s.status]),
      [
        ['sso', 'none'],
        ['verify', 'none'],
        ['transfer', 'none'],
        ['sms', 'none'],
      ],
    );
    assert.equal((await auditRows(h, { action: 'integration.app.create' })).length >= 1, true);
  });

  test('bad input is refused with the fields named, and nothing is written', async () => {
    const before = (await h.ctx.db.select().from(integrationApps)).length;
    const res = await client(h, ownerSession).post('/api/integrations/apps', {
      name: '',
      url: 'javascript:alert(1)',
      orgId: owner.orgId,
      contactName: 'x',
      contactEmail: 'not-mail',
    });
    assertError(res, 400, 'MENHU_ERR_VALIDATION');
    assert.equal((await h.ctx.db.select().from(integrationApps)).length, before);
  });

  test('another user cannot see or change someone else’s application (404); a system admin can', async () => {
    const { app } = (await newApp(ownerSession)).json();
    assertError(await client(h, stranger).get(`/api/integrations/apps/${app.id}`), 404, 'MENHU_ERR_NOT_FOUND');
    assertError(await client(h, stranger).post(`/api/integrations/apps/${app.id}/token`), 404, 'MENHU_ERR_NOT_FOUND');
    const list = (await client(h, stranger).get('/api/integrations/apps')).json();
    assert.equal(
      list.items.some((a: { id: number }) => a.id === app.id),
      false,
    );
    assert.equal((await client(h, admin).get(`/api/integrations/apps/${app.id}`)).statusCode, 200);
    const all = (await client(h, admin).get('/api/integrations/apps?all=true&pageSize=200')).json();
    assert.ok(all.items.some((a: { id: number }) => a.id === app.id));
    assertError(
      await client(h, ownerSession).post(`/api/admin/integrations/apps/${app.id}/services/sso/review`, {
        decision: 'approve',
      }),
      403,
      'MENHU_ERR_FORBIDDEN',
    );
  });

  test('rotating the APTOKEN: the old token stops working at once', async () => {
    const { app, aptoken } = (await newApp(ownerSession)).json();
    await client(h, ownerSession).put(`/api/integrations/apps/${app.id}/services/verify`, { description: '登入' });
    await review(app.id, 'verify', {
      decision: 'approve',
    });
    const call = (token: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { 'x-apcode': app.apcode, 'x-aptoken': token },
        payload: { account: owner.account, password: owner.password },
      });
    assert.equal((await call(aptoken)).statusCode, 200);
    const rotated = (await client(h, ownerSession).post(`/api/integrations/apps/${app.id}/token`)).json();
    assert.equal(rotated.apcode, app.apcode);
    assertError(await call(aptoken), 401, 'MENHU_ERR_APP_UNAUTHORIZED');
    assert.equal((await call(rotated.aptoken)).statusCode, 200);
  });

  test('a request names what its service needs; review approves or rejects with a reason; history is kept', async () => {
    const { app } = (await newApp(ownerSession)).json();
    const owner_ = client(h, ownerSession);
    assertError(
      await owner_.put(`/api/integrations/apps/${app.id}/services/sso`, { description: '缺回應網址' }),
      400,
      'MENHU_ERR_VALIDATION',
    );
    assertError(
      await owner_.put(`/api/integrations/apps/${app.id}/services/transfer`, { description: '缺入口' }),
      400,
      'MENHU_ERR_VALIDATION',
    );
    const asked = await owner_.put(`/api/integrations/apps/${app.id}/services/transfer`, {
      entryUrl: 'https://leave.example.gov.tw/sso',
      claims: ['org_code', 'name', 'name'],
      redirectUris: ['https://ignored.example/'],
      description: '由入口網轉登',
    });
    assert.equal(asked.statusCode, 200, asked.body);
    const t = asked.json().services.find((s: { service: string }) => s.service === 'transfer');
    assert.equal(t.status, 'pending');
    assert.deepEqual(t.request, {
      claims: ['name', 'org_code'],
      entryUrl: 'https://leave.example.gov.tw/sso',
      description: '由入口網轉登',
    });
    const queue = (await client(h, admin).get('/api/admin/integrations/requests')).json();
    assert.ok(
      queue.items.some((q: { appId: number; service: string }) => q.appId === app.id && q.service === 'transfer'),
    );

    assertError(
      await review(app.id, 'transfer', {
        decision: 'reject',
      }),
      400,
      'MENHU_ERR_VALIDATION',
    );
    const rejected = await review(app.id, 'transfer', {
      decision: 'reject',
      reason: '請補附資安檢測報告',
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assertError(
      await review(app.id, 'transfer', {
        decision: 'approve',
      }),
      409,
      'MENHU_ERR_CONFLICT',
    );
    await owner_.put(`/api/integrations/apps/${app.id}/services/transfer`, {
      entryUrl: 'https://leave.example.gov.tw/sso',
      description: '已補附',
    });
    const approved = await review(app.id, 'transfer', {
      decision: 'approve',
    });
    // A change to an approved service shows the reviewer what is in force beside what is asked.
    await owner_.put(`/api/integrations/apps/${app.id}/services/transfer`, {
      entryUrl: 'https://leave.example.gov.tw/sso2',
      description: '改入口',
    });
    const change = (await client(h, admin).get('/api/admin/integrations/requests'))
      .json()
      .items.find((q: { appId: number }) => q.appId === app.id);
    assert.equal(change.approved.entryUrl, 'https://leave.example.gov.tw/sso');
    assert.equal(change.request.entryUrl, 'https://leave.example.gov.tw/sso2');
    const state = approved.json().services.find((s: { service: string }) => s.service === 'transfer');
    assert.equal(state.status, 'approved');
    assert.equal(state.approved.description, '已補附');
    const history = (await owner_.get(`/api/integrations/apps/${app.id}/services/transfer/history`)).json();
    assert.deepEqual(
      history.items.map((e: { action: string }) => e.action),
      ['request', 'approve', 'request', 'reject', 'request'],
    );
    assert.equal(history.items[3].reason, '請補附資安檢測報告');
  });

  test('a request changed after the reviewer opened it is not approved unseen (409)', async () => {
    const { app } = (await newApp(ownerSession, '改網址系統')).json();
    const owner_ = client(h, ownerSession);
    await owner_.put(`/api/integrations/apps/${app.id}/services/transfer`, {
      entryUrl: 'https://ok.example.gov.tw/entry',
      description: '原申請',
    });
    const seen = (await client(h, admin).get(`/api/integrations/apps/${app.id}`)).json().services[2].requestedAt;
    h.clock.advance(1_000);
    await owner_.put(`/api/integrations/apps/${app.id}/services/transfer`, {
      entryUrl: 'https://evil.example/entry',
      description: '偷改',
    });
    assertError(
      await client(h, admin).post(`/api/admin/integrations/apps/${app.id}/services/transfer/review`, {
        decision: 'approve',
        requestedAt: seen,
      }),
      409,
      'MENHU_ERR_CONFLICT',
    );
  });

  test('nobody reviews their own application, and an administrator cannot issue another owner’s credentials', async () => {
    const { app } = (await newApp(admin, '管理者自己的系統')).json();
    await client(h, admin).put(`/api/integrations/apps/${app.id}/services/verify`, { description: '自己申請' });
    assertError(await review(app.id, 'verify', { decision: 'approve' }), 422, 'MENHU_ERR_OWN_REQUEST');
    const other = (await newApp(ownerSession, '別人的系統')).json().app;
    assertError(await client(h, admin).post(`/api/integrations/apps/${other.id}/token`), 403, 'MENHU_ERR_FORBIDDEN');
  });

  test('URLs with hidden whitespace are refused; the guide escapes what applicants typed', async () => {
    const { app } = (await newApp(ownerSession, '名稱 `x` <img src=x onerror=alert(1)>')).json();
    const owner_ = client(h, ownerSession);
    assertError(
      await owner_.put(`/api/integrations/apps/${app.id}/services/transfer`, {
        entryUrl: 'https://ok.gov.tw\t.evil.example/entry',
        description: 'x',
      }),
      400,
      'MENHU_ERR_VALIDATION',
    );
    await owner_.put(`/api/integrations/apps/${app.id}/services/transfer`, {
      entryUrl: "https://ok.example.gov.tw/a'$(id)",
      description: 'x',
    });
    const guide = (await owner_.get(`/api/integrations/apps/${app.id}/services/transfer/guide`)).body;
    assert.equal(/(^|[^\\])<img/u.test(guide), false, 'no raw markup');
    assert.ok(guide.includes(String.raw`\<img`), 'markup escaped');
    assert.ok(guide.includes(`"https://ok.example.gov.tw/a'$(id)"`), 'a JS string literal');
    assert.equal(/'https:\/\/ok\.example\.gov\.tw\/a'\$/u.test(guide), false, 'no shell break-out');
  });

  test('approving 單一登入 creates a client the owner can use after issuing its secret once', async () => {
    const { app } = (await newApp(ownerSession, '請假系統')).json();
    const owner_ = client(h, ownerSession);
    assertError(
      await owner_.post(`/api/integrations/apps/${app.id}/client-secret`),
      403,
      'MENHU_ERR_SERVICE_NOT_APPROVED',
    );
    await owner_.put(`/api/integrations/apps/${app.id}/services/sso`, {
      claims: ['name', 'email'],
      redirectUris: [CALLBACK],
      description: '單一登入',
    });
    await review(app.id, 'sso', { decision: 'approve' });
    const issued = (await owner_.post(`/api/integrations/apps/${app.id}/client-secret`)).json();
    assert.ok(issued.clientId && issued.clientSecret);
    const config = await oidc.discovery(new URL(`${base}/oidc`), issued.clientId, issued.clientSecret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
    const browser = new Browser(CALLBACK);
    await browser.signIn(base, owner.account, owner.password);
    const signIn = () =>
      browser.authorize(config, base, { redirect_uri: CALLBACK, scope: 'openid profile email phone' });
    const { landing, verifier, state } = await signIn();
    const tokens = await oidc.authorizationCodeGrant(config, new URL(landing.location!), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const claims = tokens.claims()!;
    assert.equal(claims.name, '王承辦');
    assert.equal(claims.title, undefined, 'only the approved claims');

    // Suspension: the engine no longer knows the client (no sign-in, no refresh) until resumed.
    const suspended = await client(h, admin).post(`/api/admin/integrations/apps/${app.id}/status`, {
      status: 'suspended',
      reason: '資安稽核',
    });
    assert.equal(suspended.json().status, 'suspended');
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!));
    const refused = await signIn();
    assert.equal(refused.landing.status, 400);
    await client(h, admin).post(`/api/admin/integrations/apps/${app.id}/status`, { status: 'active' });
    assert.ok((await signIn()).landing.location?.startsWith(CALLBACK));

    // Issuing a new secret replaces the old one.
    const second = (await owner_.post(`/api/integrations/apps/${app.id}/client-secret`)).json();
    assert.equal(second.clientId, issued.clientId);
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!), 'the old secret no longer works');

    // Revocation is final: the client is gone.
    assert.equal((await owner_.delete(`/api/integrations/apps/${app.id}`)).statusCode, 200);
    assert.equal((await signIn()).landing.status, 400);
    assertError(
      await owner_.put(`/api/integrations/apps/${app.id}/services/verify`, { description: 'x' }),
      409,
      'MENHU_ERR_APP_INACTIVE',
    );
    assert.ok((await auditRows(h, { action: 'integration.app.revoke' })).length >= 1);
  });

  test('statistics export as xlsx, and the guide carries the application’s own values', async () => {
    const { app, aptoken } = (await newApp(ownerSession, '統計系統')).json();
    const owner_ = client(h, ownerSession);
    await owner_.put(`/api/integrations/apps/${app.id}/services/verify`, { claims: ['name'], description: '登入' });
    await review(app.id, 'verify', {
      decision: 'approve',
    });
    await h.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { 'x-apcode': app.apcode, 'x-aptoken': aptoken },
      payload: { account: owner.account, password: 'wrong-password' },
    });
    const xlsx = await owner_.get(`/api/integrations/apps/${app.id}/stats?format=xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const rows = await readXlsx(xlsx.rawPayload);
    assert.deepEqual(rows[0], ['日期', '服務類型', '呼叫次數', '失敗次數']);
    assert.deepEqual(rows[1]!.slice(1), ['帳號驗證', '1', '1']);
    assertError(
      await owner_.get(`/api/integrations/apps/${app.id}/stats?from=2026-03-10&to=2026-03-01`),
      400,
      'MENHU_ERR_VALIDATION',
    );

    const guide = await owner_.get(`/api/integrations/apps/${app.id}/services/verify/guide`);
    assert.equal(guide.statusCode, 200);
    assert.match(String(guide.headers['content-disposition']), /attachment/u);
    assert.ok(guide.body.includes(app.apcode));
    assert.ok(guide.body.includes(`${base}/api/v1/verify`));
    assert.equal(guide.body.includes(aptoken), false, 'never the token');
  });
});
