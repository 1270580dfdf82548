/**
 * INT-3 引用說明下載: an integration guide per service, written with the application's own
 * values (endpoints, APCODE, client id, approved claims), with curl and Node examples. The
 * generic versions of these guides are in docs/integration/.
 */
import { CLAIM_LABELS, SERVICE_LABELS, type Claim, type Service } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { OIDC_MOUNT } from '../oidc/provider.ts';
import { visibleApp, type Caller } from './apps-service.ts';
import { findService } from './store.ts';

const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body.trim()}\n\`\`\``;

// Values come from applicants (names, URLs): escaped for where they land, so a downloaded guide
// cannot carry markup, and its examples cannot run anything when pasted.
/** Markdown text: no markup, one line. */
const md = (v: string) => v.replace(/[\r\n]+/gu, ' ').replace(/[\\`*_{}[\]()<>#+!|~]/gu, (c) => `\\${c}`);
/** Inside an inline code span. */
const code = (v: string) => `\`${v.replace(/[`\r\n]/gu, '')}\``;
/** A JavaScript string literal. */
const js = (v: string) => JSON.stringify(v);
/** A POSIX shell word. */
const sh = (v: string) => `'${v.replace(/'/gu, `'\\''`)}'`;

function claimTable(claims: Claim[]): string {
  if (!claims.length) return '（未申請回拋資料 no claims）';
  return ['| claim | 說明 |', '|---|---|', ...claims.map((c) => `| \`${c}\` | ${CLAIM_LABELS[c].zh} |`)].join('\n');
}

function ssoGuide(base: string, cfg: Record<string, unknown>, clientId: string | null): string {
  const issuer = `${base}${OIDC_MOUNT}`;
  const redirect = (cfg.redirectUris as string[] | undefined)?.[0] ?? 'https://your-system.example/callback';
  return `## 端點 Endpoints

| | |
|---|---|
| Issuer | ${code(issuer)} |
| Discovery | ${code(`${issuer}/.well-known/openid-configuration`)} |
| client_id | ${clientId ? code(clientId) : '（審核通過後產生 issued on approval）'} |
| client_secret | 於「應用系統服務介接管理」按「產生用戶端密鑰」取得，只顯示一次 |
| Redirect URI | ${code(redirect)} |

授權碼流程（Authorization Code）並須使用 PKCE（S256）。Refresh token 每次使用後會換發新的一組，舊的即失效。
回拋資料只有核准的項目，與 scope 無關：

${claimTable((cfg.claims as Claim[] | undefined) ?? [])}

${cfg.backchannelLogoutUri ? `使用者登出公務入口網或被管理者登出時，本平台會以 POST（\`logout_token\`，RS256 簽章的 JWT，含 \`sid\`）呼叫 ${code(String(cfg.backchannelLogoutUri))}；請驗證簽章、\`iss\`、\`aud\` 後結束該使用者在貴系統的工作階段，並回應 200。` : '尚未申請 back-channel logout URI：使用者登出入口網時貴系統不會收到通知。'}

## Node（openid-client 6）

${fence(
  'js',
  `
import * as client from 'openid-client';

const config = await client.discovery(new URL(${js(issuer)}), ${js(clientId ?? 'CLIENT_ID')}, process.env.CLIENT_SECRET);

// 1. 登入：導向授權端點
const verifier = client.randomPKCECodeVerifier();
const challenge = await client.calculatePKCECodeChallenge(verifier);
const state = client.randomState();
const url = client.buildAuthorizationUrl(config, {
  redirect_uri: ${js(redirect)},
  scope: 'openid profile email phone',
  code_challenge: challenge,
  code_challenge_method: 'S256',
  state,
});
// 將 verifier、state 存在貴系統的工作階段，然後 redirect 到 url

// 2. 回呼：以授權碼換取權杖
const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), {
  pkceCodeVerifier: verifier,
  expectedState: state,
});
console.log(tokens.claims()); // sub, name, title, ...
`,
)}

## curl（換取權杖）

${fence(
  'sh',
  `
curl -u ${sh(`${clientId ?? 'CLIENT_ID'}:CLIENT_SECRET`)} \\
  -d grant_type=authorization_code -d code=CODE -d code_verifier=VERIFIER \\
  --data-urlencode redirect_uri=${sh(redirect)} \\
  ${sh(`${issuer}/token`)}
`,
)}
`;
}

function verifyGuide(base: string, apcode: string, cfg: Record<string, unknown>): string {
  return `## 呼叫方式

${code(`POST ${base}/api/v1/verify`)}，標頭 \`X-Apcode\`、\`X-Aptoken\`，內容 \`{"account","password"}\`。

- 成功：\`{"valid": true, "sub": "…", "account": "…", "claims": {…}}\`
- 失敗：\`{"valid": false, "reason": "invalid_credentials" | "locked" | "disabled" | "not_activated" | "password_change_required"}\`；
  帳號不存在與密碼錯誤的回應相同。連續錯誤 5 次會鎖定該帳號 15 分鐘（與入口網登入相同）。
- APCODE/APTOKEN 錯誤或應用系統停權：HTTP 401；未核准此服務：403；呼叫過於頻繁：429（請依 \`Retry-After\` 重試）。

回拋資料：

${claimTable((cfg.claims as Claim[] | undefined) ?? [])}

## curl

${fence(
  'sh',
  `
curl -X POST ${sh(`${base}/api/v1/verify`)} \\
  -H 'Content-Type: application/json' -H ${sh(`X-Apcode: ${apcode}`)} -H "X-Aptoken: $APTOKEN" \\
  -d '{"account":"user01","password":"…"}'
`,
)}

## Node

${fence(
  'js',
  `
const res = await fetch(${js(`${base}/api/v1/verify`)}, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-apcode': ${js(apcode)}, 'x-aptoken': process.env.APTOKEN },
  body: JSON.stringify({ account, password }),
});
if (res.status !== 200) throw new Error(\`verify: HTTP \${res.status}\`);
const answer = await res.json();
if (answer.valid) { /* 登入成功：answer.sub、answer.claims */ }
`,
)}

APTOKEN 請存放於伺服器端（環境變數或金鑰庫），不可放在瀏覽器或行動 App。
`;
}

function transferGuide(base: string, apcode: string, cfg: Record<string, unknown>): string {
  const entry = String(cfg.entryUrl ?? 'https://your-system.example/sso/entry');
  return `## 流程

1. 使用者在公務入口網「系統列表」點選貴系統。
2. 瀏覽器被導向 ${code(`${entry}?ticket=…`)}。票證 60 秒內有效、只能使用一次，且只發給貴系統。
3. 貴系統伺服器呼叫 ${code(`POST ${base}/api/v1/transfer/redeem`)}（標頭 \`X-Apcode\`、\`X-Aptoken\`，內容 \`{"ticket"}\`），取得
   \`{"sub","account","claims"}\` 後建立自己的工作階段。

錯誤：票證不存在 \`MENHU_ERR_TICKET_INVALID\`、逾期 \`MENHU_ERR_TICKET_EXPIRED\`、已使用 \`MENHU_ERR_TICKET_USED\`、
不是發給貴系統 \`MENHU_ERR_TICKET_WRONG_APP\`（皆為 HTTP 400），APCODE/APTOKEN 錯誤 401。

回拋資料：

${claimTable((cfg.claims as Claim[] | undefined) ?? [])}

## curl

${fence(
  'sh',
  `
curl -X POST ${sh(`${base}/api/v1/transfer/redeem`)} \\
  -H 'Content-Type: application/json' -H ${sh(`X-Apcode: ${apcode}`)} -H "X-Aptoken: $APTOKEN" \\
  -d '{"ticket":"TICKET"}'
`,
)}

## Node

${fence(
  'js',
  `
// 在 ${js(entry)} 的處理程式中：
const ticket = new URL(req.url, ${js(entry)}).searchParams.get('ticket');
const res = await fetch(${js(`${base}/api/v1/transfer/redeem`)}, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-apcode': ${js(apcode)}, 'x-aptoken': process.env.APTOKEN },
  body: JSON.stringify({ ticket }),
});
if (res.status !== 200) return showError((await res.json()).error.message);
const { sub, account, claims } = await res.json();
`,
)}
`;
}

export async function integrationGuide(
  ctx: Ctx,
  caller: Caller,
  appId: number,
  service: Service,
): Promise<{ filename: string; markdown: string }> {
  const { app } = await visibleApp(ctx, caller, appId);
  const row = await findService(ctx.db, appId, service);
  const cfg = ((row?.approved ?? row?.request) as Record<string, unknown> | undefined) ?? {};
  const base = ctx.config.publicUrl;
  const body =
    service === 'sso'
      ? ssoGuide(base, cfg, row?.oidcClientId ?? null)
      : service === 'verify'
        ? verifyGuide(base, app.apcode, cfg)
        : service === 'transfer'
          ? transferGuide(base, app.apcode, cfg)
          : '簡訊發送服務將於簡訊閘道上線後開放；目前僅受理申請。\n';
  const label = SERVICE_LABELS[service].zh;
  const markdown = `# ${md(app.name)}：${label}介接說明

- 應用系統：${md(app.name)}（${code(app.url)}）
- APCODE：${code(app.apcode)}（APTOKEN 僅於產生時顯示一次；遺失請重新產生）
- 服務狀態：${row ? { pending: '未審核', approved: '審核通過', rejected: '駁回' }[row.status as 'pending'] : '尚未申請'}

${body}`;
  return { filename: `${app.name.replace(/[\\/:*?"<>|\r\n]/gu, '_')}-${label}介接說明.md`, markdown };
}
