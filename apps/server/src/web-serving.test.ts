import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from './test-support/harness.ts';

describe('serving the built web app', () => {
  let h: Harness;
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'menhu-dist-'));
  before(async () => {
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>門戶</title><div id="root"></div>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
    h = await createHarness({ WEB_DIST: dist });
  });
  after(async () => {
    await h.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  test('hashed assets are served with a long immutable cache', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, 'console.log(1)');
    assert.match(String(res.headers['cache-control']), /immutable/u);
  });

  test('client-side routes get index.html, not cached, under the strict CSP', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/admin/accounts/12' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<div id="root">/u);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/u);
  });

  test('unknown API paths and missing files still answer 404 with the error shape', async () => {
    for (const url of ['/api/nope', '/assets/missing.js']) {
      const res = await h.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'MENHU_ERR_NOT_FOUND');
    }
  });
});
