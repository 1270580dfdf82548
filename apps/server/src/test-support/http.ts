/**
 * Requests as a signed-in browser would send them (session cookie, own Origin, CSRF token),
 * or anonymously, and one assertion for the error shape every failure shares.
 */
import assert from 'node:assert/strict';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ErrorCode } from '@menhu/contracts';
import type { Session } from './factories.ts';
import type { Harness } from './harness.ts';

type Payload = InjectOptions['payload'];
type Headers = Record<string, string>;

export interface Caller {
  get(url: string, headers?: Headers): Promise<LightMyRequestResponse>;
  post(url: string, payload?: Payload, headers?: Headers): Promise<LightMyRequestResponse>;
  put(url: string, payload?: Payload, headers?: Headers): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: Payload, headers?: Headers): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Headers): Promise<LightMyRequestResponse>;
}

/** A caller for `session` (or nobody, when null); extra headers override the defaults. */
export function client(h: Harness, session: Session | null): Caller {
  const safe: Headers = session ? { cookie: session.cookie } : {};
  const unsafe: Headers = session ? session.headers : { origin: h.config.publicOrigin };
  const send = (method: InjectOptions['method'], url: string, payload: Payload, headers: Headers) =>
    h.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  return {
    get: (url, headers = {}) => send('GET', url, undefined, { ...safe, ...headers }),
    post: (url, payload, headers = {}) => send('POST', url, payload, { ...unsafe, ...headers }),
    put: (url, payload, headers = {}) => send('PUT', url, payload, { ...unsafe, ...headers }),
    patch: (url, payload, headers = {}) => send('PATCH', url, payload, { ...unsafe, ...headers }),
    delete: (url, headers = {}) => send('DELETE', url, undefined, { ...unsafe, ...headers }),
  };
}

/** The answer is the catalogue error `code` with its status and the `{ error }` shape. */
export function assertError(res: LightMyRequestResponse, status: number, code: ErrorCode): void {
  assert.equal(res.statusCode, status, `expected ${status} ${code}, got ${res.statusCode} ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/json/u);
  const body = res.json() as { error?: { code?: string; message?: unknown } };
  assert.equal(body.error?.code, code, res.body);
  assert.equal(typeof body.error?.message, 'string');
}
