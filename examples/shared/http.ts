/**
 * The little HTTP plumbing the examples share: configuration from the environment, reading a
 * form, answering with a page or a redirect. Any web framework (Express, Fastify, Spring, ASP.NET)
 * gives you these; they are written out here so the examples need nothing but Node.js.
 */
import http from 'node:http';
import { styleHash } from './html.ts';

/** A setting from the environment; without a fallback it must be set. */
export function setting(name: string, fallback?: string): string {
  const value = process.env[name]?.trim() || fallback;
  if (value === undefined) {
    console.error(`Missing environment variable ${name} (see this example's README.md).`);
    process.exit(1);
  }
  return value;
}

/** The settings every example has: where Menhu is, where this system listens and is reached. */
export function commonSettings(defaultPort: number) {
  const port = Number(setting('PORT', String(defaultPort)));
  // The system's own address as the browser sees it: redirect URIs are built from it, never
  // from the request's Host header (which the client controls).
  const appUrl = setting('APP_URL', `http://localhost:${port}`).replace(/\/+$/u, '');
  const menhuUrl = setting('MENHU_URL', 'http://localhost:3000').replace(/\/+$/u, '');
  return { port, appUrl, menhuUrl, secureCookies: appUrl.startsWith('https:') };
}

/** A form body (application/x-www-form-urlencoded), refused beyond `limit` bytes. */
export async function readForm(req: http.IncomingMessage, limit = 16_384): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A state-changing request must come from this system's own pages. SameSite=Lax cookies already
 * keep other sites' forms from carrying the session; checking Origin as well closes the gap
 * left by sibling hosts of the same site.
 */
export function fromOwnPage(req: http.IncomingMessage, appUrl: string): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === new URL(appUrl).origin;
}

const SECURITY_HEADERS = {
  // Pages must never be cached: they show personal data.
  'cache-control': 'no-store',
  // Our only style is the one in html.ts; no scripts at all.
  'content-security-policy': `default-src 'none'; style-src 'sha256-${styleHash}'; frame-ancestors 'none'; base-uri 'none'`,
  // A transfer ticket in the address must not leak to other sites through Referer. (Not
  // no-referrer: browsers then send `Origin: null` with our own forms, failing fromOwnPage.)
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
};

export function sendPage(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' }).end(html);
}

/** 303 See Other: after a POST the browser follows with a GET, so a reload does not resubmit. */
export function redirect(res: http.ServerResponse, location: string): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location }).end();
}

/** Starts the server and stops it cleanly on Ctrl-C or SIGTERM. */
export function serve(
  name: string,
  port: number,
  appUrl: string,
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): http.Server {
  const server = http.createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      console.error(`${req.method} ${req.url}:`, err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('內部錯誤 Internal error');
    });
  });
  server.listen(port, () => console.log(`${name} is running at ${appUrl}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
  return server;
}
