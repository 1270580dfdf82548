/**
 * The few pages the OIDC engine renders itself (logout confirmation, signed out, errors), in
 * zh-TW with English, under a strict CSP: no scripts of ours, one hashed stylesheet. The engine
 * adds the hash of its own form_post script to script-src when it needs it.
 */
import crypto from 'node:crypto';

const CSS =
  'body{font-family:"Noto Sans TC","Microsoft JhengHei",system-ui,sans-serif;margin:0;background:#f5f7fa;color:#1f2328}' +
  'main{max-width:28rem;margin:10vh auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}' +
  'h1{font-size:1.4rem;margin-top:0}button{font:inherit;padding:.6rem 1.2rem;margin:.25rem .5rem .25rem 0;border-radius:6px;border:1px solid #1a5fb4;cursor:pointer}' +
  '.primary{background:#1a5fb4;color:#fff}.secondary{background:#fff;color:#1a5fb4}a{color:#1a5fb4}' +
  'button:focus-visible,a:focus-visible{outline:3px solid #f5a623;outline-offset:2px}';

const styleHash = crypto.createHash('sha256').update(CSS).digest('base64');

export const OIDC_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'sha256-${styleHash}'`,
  "img-src 'self'",
  "form-action 'self' https: http:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>`;
}

/** `form` is the engine's hidden form (id op.logoutForm, with its anti-forgery value). */
export function logoutPage(form: string): string {
  return page(
    '登出 Sign out',
    `<h1>要登出公務入口網嗎？</h1><p>登出後，您經由公務入口網登入的應用系統也會一併登出。</p><p lang="en">Sign out of the portal and of every system you signed in to through it?</p>${form}` +
      '<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">登出 Sign out</button>' +
      '<button class="secondary" type="submit" form="op.logoutForm">只登出此系統 Only this system</button>',
  );
}

export function logoutSuccessPage(): string {
  return page(
    '已登出 Signed out',
    '<h1>已登出</h1><p>您已登出。</p><p lang="en">You have signed out.</p><p><a href="/login">重新登入公務入口網 Sign in again</a></p>',
  );
}

export function errorPage(out: Record<string, unknown>): string {
  return page(
    '登入錯誤',
    `<h1>登入錯誤 Sign-in error</h1>${Object.entries(out)
      .map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(String(v))}</p>`)
      .join('')}<p><a href="/">回到公務入口網</a></p>`,
  );
}
