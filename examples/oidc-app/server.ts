/**
 * 範例 OIDC 應用系統 — an example system that signs people in through the portal with OpenID
 * Connect (單一登入), refreshes tokens, logs out through the portal and honours back-channel
 * logout. See README.md.
 *
 *   MENHU_URL=http://localhost:3000 PORT=3101 CLIENT_ID=… CLIENT_SECRET=… node examples/oidc-app/server.ts
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { claimsTable, errorBox, escapeHtml, page, statusPage } from '../shared/html.ts';
import { commonSettings, fromOwnPage, readForm, redirect, sendPage, serve, setting } from '../shared/http.ts';
import { SessionStore } from '../shared/session.ts';
import { InvalidLogoutToken } from './backchannel-logout.ts';
import { oidcClient, type PendingSignIn, type SignedIn } from './oidc.ts';

const { port, appUrl, menhuUrl, secureCookies } = commonSettings(3101);
const oidc = oidcClient({ menhuUrl, appUrl, clientId: setting('CLIENT_ID'), clientSecret: setting('CLIENT_SECRET') });
const SYSTEM = { name: '範例 OIDC 應用系統', en: 'Example system: single sign-on (OpenID Connect)' };

/** Before sign-in the session holds the pending request; after, the person and their tokens. */
type Session = { pending: PendingSignIn; person?: undefined } | { person: SignedIn; pending?: undefined };
const sessions = new SessionStore<Session>({ cookieName: 'menhu_example_oidc', secure: secureCookies });

const time = (ms: number) => new Date(ms).toLocaleTimeString('zh-TW', { timeZone: 'Asia/Taipei', hour12: false });

function signedOut(res: ServerResponse, status: number, error?: string): void {
  const body = `<p>本系統使用公務入口網單一登入：已登入公務入口網者不必再輸入密碼。
<span lang="en">This system signs you in through the portal.</span></p>
<a class="button" href="/login">登入</a>`;
  sendPage(res, status, statusPage(SYSTEM, false, body, error));
}

function home(res: ServerResponse, person: SignedIn, notice?: string): void {
  sendPage(
    res,
    200,
    statusPage(
      SYSTEM,
      true,
      `${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}
${claimsTable('公務入口網回傳的資料（userinfo）Data from the portal', { sub: person.sub, ...person.claims })}
<table><caption>權杖 Tokens</caption><tbody>
<tr><th scope="row">存取權杖到期 Access token expires</th><td>${time(person.accessTokenExpiresAt)}</td></tr>
<tr><th scope="row">入口網工作階段 Portal session (sid)</th><td>${escapeHtml(person.sid ?? '—')}</td></tr>
</tbody></table>
<form method="post" action="/refresh"><button type="submit">更新權杖</button></form>
<form method="post" action="/logout"><button type="submit" class="secondary">登出</button></form>`,
    ),
  );
}

/**
 * GET /login — also the initiate_login_uri: the portal's tile may open it with `iss` and
 * `target_link_uri` (OpenID Connect Core §4, third-party-initiated login).
 */
async function login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const iss = url.searchParams.get('iss');
  if (iss !== null && iss !== (await oidc.issuer())) return signedOut(res, 400, '登入要求來自未知的身分提供者。');
  // Only ever return to a page of this system: anything else would be an open redirect.
  const target = url.searchParams.get('target_link_uri');
  const targetUrl = target ? URL.parse(target) : null;
  const returnTo = targetUrl?.origin === new URL(appUrl).origin ? `${targetUrl.pathname}${targetUrl.search}` : '/';
  if (sessions.read(req)?.data.person) return redirect(res, returnTo);
  const { url: authorizationUrl, pending } = await oidc.startSignIn(returnTo);
  sessions.start(req, res, { pending });
  redirect(res, authorizationUrl);
}

/** GET /callback — the redirect URI: the portal sends the browser back here with a code. */
async function callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const pending = sessions.read(req)?.data.pending;
  if (!pending) return signedOut(res, 400, '登入逾時，或已在其他分頁完成，請重新登入。');
  let person: SignedIn;
  try {
    person = await oidc.finishSignIn(url, pending);
  } catch (err) {
    // The portal refused (error=…), or a check failed (state, signature, PKCE): start over.
    console.warn('sign-in failed:', (err as Error).message);
    sessions.end(req, res);
    return signedOut(res, 400, '登入未完成，請重新登入。');
  }
  // A new session identifier for the signed-in person (see shared/session.ts).
  sessions.start(req, res, { person });
  redirect(res, pending.returnTo);
}

/** POST /refresh — a new access token with the refresh token, and the claims read again. */
async function refresh(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const session = sessions.read(req);
  if (!session?.data.person) return redirect(res, '/');
  try {
    const person = await oidc.refresh(session.data.person);
    session.data.person = person;
    home(res, person, `權杖已更新，有效至 ${time(person.accessTokenExpiresAt)}。`);
  } catch (err) {
    // invalid_grant: the grant was revoked (the person logged out of the portal, or was
    // disabled). Whatever the cause, this system's session ends with it.
    console.warn('refresh failed:', (err as Error).message);
    sessions.end(req, res);
    signedOut(res, 401, '公務入口網的登入已結束，請重新登入。');
  }
}

/** POST /logout — end our session, then let the portal end its own (RP-initiated logout). */
async function logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const person = sessions.read(req)?.data.person;
  sessions.end(req, res);
  redirect(res, person ? await oidc.endSessionUrl(person.idToken) : '/');
}

/**
 * POST /backchannel-logout — Menhu, server to server, when the person's portal session ended.
 * No cookie comes with it: the token's `sid` (or `sub`) says whose sessions to end.
 */
async function backchannelLogout(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = (status: number, body = '') =>
    res.writeHead(status, { 'cache-control': 'no-store', 'content-type': 'application/json' }).end(body);
  const token = (await readForm(req)).get('logout_token');
  try {
    if (!token) throw new InvalidLogoutToken('no logout_token');
    const { sid, sub } = await oidc.verifyLogout(token);
    const ended = sessions.endWhere(({ person }) =>
      person ? (sid ? person.sid === sid && (!sub || person.sub === sub) : person.sub === sub) : false,
    );
    console.log(`back-channel logout: ended ${ended} session(s)`);
    answer(200);
  } catch (err) {
    if (!(err instanceof InvalidLogoutToken)) throw err;
    console.warn(err.message);
    answer(400, JSON.stringify({ error: 'invalid_request', error_description: 'invalid logout_token' }));
  }
}

serve(SYSTEM.name, port, appUrl, async (req, res) => {
  const url = new URL(req.url ?? '/', appUrl);
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /') {
    const person = sessions.read(req)?.data.person;
    return person ? home(res, person) : signedOut(res, 200);
  }
  if (route === 'GET /login') return login(req, res, url);
  if (route === 'GET /callback') return callback(req, res, url);
  // Server to server, so no Origin to check: the signed token is the proof.
  if (route === 'POST /backchannel-logout') return backchannelLogout(req, res);
  if (req.method === 'POST' && !fromOwnPage(req, appUrl))
    return sendPage(res, 403, page(SYSTEM, errorBox('拒絕跨站請求。')));
  if (route === 'POST /refresh') return refresh(req, res);
  if (route === 'POST /logout') return logout(req, res);
  sendPage(res, 404, page(SYSTEM, errorBox('找不到此頁。')));
});
