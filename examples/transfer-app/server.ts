/**
 * 範例轉登系統 — an example system opened from the portal's system list with a one-time ticket
 * (轉登, POST /api/v1/transfer/redeem). See README.md.
 *
 *   MENHU_URL=http://localhost:3000 PORT=3103 APCODE=… APTOKEN=… node examples/transfer-app/server.ts
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PortalPerson } from '../shared/app-api.ts';
import { errorBox, escapeHtml, page, personPage, statusPage } from '../shared/html.ts';
import { commonSettings, fromOwnPage, redirect, sendPage, serve, setting } from '../shared/http.ts';
import { SessionStore } from '../shared/session.ts';
import { redeemTicket } from './redeem.ts';

const { port, appUrl, menhuUrl, secureCookies } = commonSettings(3103);
const credentials = { menhuUrl, apcode: setting('APCODE'), aptoken: setting('APTOKEN') };
const SYSTEM = { name: '範例轉登系統', en: 'Example system: transfer login' };

const sessions = new SessionStore<PortalPerson>({ cookieName: 'menhu_example_transfer', secure: secureCookies });

function signedOut(res: ServerResponse, status: number, error?: string): void {
  const body = `<p>請由公務入口網的系統列表點選「${SYSTEM.name}」開啟本系統，不需再輸入密碼。
<span lang="en">Open this system from the portal's system list; no password needed.</span></p>
<a class="button" href="${escapeHtml(menhuUrl)}/">回到公務入口網</a>`;
  sendPage(res, status, statusPage(SYSTEM, false, body, error));
}

/** The entry URL registered for 轉登: GET /entry?ticket=… */
async function entry(req: IncomingMessage, res: ServerResponse, ticket: string | null): Promise<void> {
  if (!ticket) return signedOut(res, 400, '缺少登入票證。請回到公務入口網，重新點選本系統。');
  const outcome = await redeemTicket(credentials, ticket);
  if (!outcome.signedIn) return signedOut(res, 400, outcome.message);
  // Whoever was signed in here before, the ticket's person is signed in now, in a new session.
  sessions.start(req, res, { sub: outcome.sub, account: outcome.account, claims: outcome.claims });
  // Off the entry URL at once, so the used ticket leaves the address bar and a reload does not
  // try to redeem it again.
  redirect(res, '/');
}

serve(SYSTEM.name, port, appUrl, async (req, res) => {
  const url = new URL(req.url ?? '/', appUrl);
  if (req.method === 'GET' && url.pathname === '/') {
    const session = sessions.read(req);
    return session ? sendPage(res, 200, personPage(SYSTEM, session.data)) : signedOut(res, 200);
  }
  if (req.method === 'GET' && url.pathname === '/entry') return entry(req, res, url.searchParams.get('ticket'));
  if (req.method === 'POST' && url.pathname === '/logout' && fromOwnPage(req, appUrl)) {
    sessions.end(req, res);
    return redirect(res, '/');
  }
  sendPage(res, 404, page(SYSTEM, errorBox('找不到此頁。')));
});
