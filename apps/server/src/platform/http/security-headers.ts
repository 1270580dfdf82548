/**
 * Response headers for every reply (ASVS V14): a strict CSP (no inline script; antd's
 * CSS-in-JS needs inline styles), no framing, no sniffing, no referrer leaks, HSTS on https.
 */
import type { FastifyInstance } from 'fastify';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `allowPopups`: the 自然人憑證 sign-in opens the local HiPKI service's /popupForm, which must
 * keep `window.opener` to post its answer back — `same-origin` would sever it. Pages opening
 * ours are still cut off either way.
 */
export function registerSecurityHeaders(app: FastifyInstance, opts: { hsts: boolean; allowPopups?: boolean }): void {
  const coop = opts.allowPopups ? 'same-origin-allow-popups' : 'same-origin';
  app.addHook('onSend', async (req, reply) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    reply.header('cross-origin-opener-policy', coop);
    if (opts.hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}
