/** The examples' pages: one layout in zh-TW, escaping, and the person's data as a table. */
import crypto from 'node:crypto';

const STYLE =
  'body{font-family:"Noto Sans TC","Microsoft JhengHei",system-ui,sans-serif;margin:0;background:#f5f7fa;color:#1f2328}' +
  'header{background:#1a5fb4;color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.4rem}header p{margin:.25rem 0 0}' +
  'main{max-width:44rem;margin:2rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}' +
  'table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d0d7de}' +
  'th{width:40%;font-weight:600}label{display:block;margin:.75rem 0 .25rem}input{font:inherit;padding:.4rem;width:16rem}' +
  'button,.button{display:inline-block;font:inherit;padding:.5rem 1.2rem;margin:.5rem .5rem .5rem 0;border-radius:6px;' +
  'border:1px solid #1a5fb4;background:#1a5fb4;color:#fff;cursor:pointer;text-decoration:none}' +
  '.secondary{background:#fff;color:#1a5fb4}form{display:inline}form.stack{display:block}' +
  '.status{font-size:1.2rem;font-weight:600}.error{color:#a40e26;background:#fff0f0;padding:.75rem;border-radius:6px}' +
  'button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #f5a623;outline-offset:2px}';

/** For the Content-Security-Policy (http.ts): this stylesheet and nothing else may apply. */
export const styleHash = crypto.createHash('sha256').update(STYLE).digest('base64');

type System = { name: string; en: string };

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function page(system: System, body: string): string {
  return `<!doctype html>
<html lang="zh-Hant-TW">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(system.name)}</title><style>${STYLE}</style></head>
<body>
<header><h1>${escapeHtml(system.name)}</h1><p lang="en">${escapeHtml(system.en)}</p></header>
<main>${body}</main>
</body>
</html>`;
}

/** The claims Menhu can release (docs/integration/oidc.md); a system gets those it was approved for. */
const CLAIM_LABELS: Record<string, string> = {
  sub: '帳號識別碼 (sub)',
  account: '帳號 (account)',
  name: '姓名 (name)',
  title: '職稱 (title)',
  phone_number: '公務電話 (phone_number)',
  email: '公務郵件 (email)',
  org_name: '機關全銜 (org_name)',
  org_short_name: '機關簡稱 (org_short_name)',
  org_code: '機關代碼 (org_code)',
};

export function claimsTable(caption: string, claims: Record<string, unknown>): string {
  // In the labels' order, whatever order the answer had; only the claims we know how to label.
  const rows = Object.entries(CLAIM_LABELS)
    .filter(([key]) => claims[key] !== undefined)
    .map(([key, label]) => `<tr><th scope="row">${label}</th><td>${escapeHtml(String(claims[key]))}</td></tr>`)
    .join('');
  return `<table><caption>${escapeHtml(caption)}</caption><tbody>${rows}</tbody></table>`;
}

export const errorBox = (message: string) => `<p class="error" role="alert">${escapeHtml(message)}</p>`;

/** A page that starts by saying whether anyone is signed in here (已登入 / 未登入), then any error. */
export function statusPage(system: System, signedIn: boolean, body: string, error?: string): string {
  return page(
    system,
    `<p class="status">${signedIn ? '已登入' : '未登入'}</p>\n${error ? errorBox(error) : ''}\n${body}`,
  );
}

/** The signed-in page of the verify and transfer examples: the person's data and 登出. */
export function personPage(system: System, person: { sub: string; account: string; claims: Record<string, string> }) {
  const data = { sub: person.sub, account: person.account, ...person.claims };
  return statusPage(
    system,
    true,
    `${claimsTable('公務入口網回傳的資料 Data from the portal', data)}
<form method="post" action="/logout"><button type="submit" class="secondary">登出</button></form>`,
  );
}
