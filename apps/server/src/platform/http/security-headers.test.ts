import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { login, makeAccount, postLogin } from '../../test-support/factories.ts';
import { client } from '../../test-support/http.ts';

describe('security headers on every answer (ASVS V14)', () => {
  let h: Harness;
  let answers: [string, LightMyRequestResponse][];
  before(async () => {
    h = await createHarness();
    const a = await makeAccount(h);
    const api = client(h, await login(h, a));
    answers = [
      ['a successful API read', await api.get('/api/me')],
      ['a sign-in', await postLogin(h, a.account, a.password)],
      ['a refused request', await h.app.inject({ method: 'GET', url: '/api/me' })],
      ['a validation error', await api.put('/api/me/profile', { title: 1 })],
      ['an unknown API route', await h.app.inject({ method: 'GET', url: '/api/nope' })],
      ['an unknown page', await h.app.inject({ method: 'GET', url: '/nope' })],
      ['the health check', await h.app.inject({ method: 'GET', url: '/healthz' })],
    ];
  });
  after(() => h.close());

  test('a Content-Security-Policy forbids framing, plugins and foreign scripts', () => {
    for (const [what, res] of answers) {
      const csp = String(res.headers['content-security-policy']);
      const directives = new Set(csp.split(/;\s*/u));
      for (const d of ["frame-ancestors 'none'", "object-src 'none'", "script-src 'self'", "default-src 'self'"]) {
        assert.ok(directives.has(d), `${what}: ${d} in ${csp}`);
      }
      assert.doesNotMatch(csp, /script-src[^;]*'unsafe-(inline|eval)'/u, what);
    }
  });

  test('X-Content-Type-Options is nosniff and X-Frame-Options is DENY', () => {
    for (const [what, res] of answers) {
      assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
      assert.equal(res.headers['x-frame-options'], 'DENY', what);
    }
  });

  test('referrers stay on the site and the opener is isolated', () => {
    for (const [what, res] of answers) {
      assert.equal(res.headers['referrer-policy'], 'same-origin', what);
      assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', what);
    }
  });

  test('API answers are never cached', () => {
    for (const [what, res] of answers.filter(([w]) => !['an unknown page', 'the health check'].includes(w))) {
      assert.equal(res.headers['cache-control'], 'no-store', what);
    }
  });

  test('there is no HSTS on a plain-http development portal', () => {
    for (const [what, res] of answers) assert.equal(res.headers['strict-transport-security'], undefined, what);
  });

  test('the server does not announce what it runs on', () => {
    for (const [what, res] of answers) {
      assert.equal(res.headers['x-powered-by'], undefined, what);
      assert.equal(res.headers.server, undefined, what);
    }
  });

  test('JSON answers say so, with a charset', () => {
    for (const [what, res] of answers) {
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', what);
    }
  });
});
