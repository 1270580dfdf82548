/** The 自然人憑證 settings: anchors must exist, and production will not run card sign-in without them. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../config.ts';

describe('MOICA configuration', () => {
  test('defaults: HiPKI on localhost:61161, 5-minute OCSP cache, 5-minute skew', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    assert.equal(c.moica.hipkiUrl, 'http://localhost:61161');
    assert.deepEqual(c.moica.trustAnchors, []);
    assert.equal(c.moica.ocspGoodTtlMs, 300_000);
    assert.equal(c.moica.signingSkewMs, 300_000);
  });

  test('a trust anchor path that does not exist stops the start', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'test', MOICA_TRUST_ANCHORS: '/nonexistent/moica.pem' }), ConfigError);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moica-cfg-'));
    assert.deepEqual(loadConfig({ NODE_ENV: 'test', MOICA_TRUST_ANCHORS: dir }).moica.trustAnchors, [dir]);
  });

  test('production with moica enabled needs trust anchors', () => {
    const prod = {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://portal.example.gov.tw',
      LOGIN_METHODS: 'password,moica',
    };
    assert.throws(() => loadConfig(prod), /MOICA_TRUST_ANCHORS/u);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moica-cfg-'));
    assert.ok(loadConfig({ ...prod, MOICA_TRUST_ANCHORS: dir }));
  });
});
