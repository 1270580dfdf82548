import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  test('defaults run on localhost with the embedded database and demo data', () => {
    const c = loadConfig({});
    assert.equal(c.publicUrl, 'http://localhost:3000');
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.seedDemo, true);
    assert.equal(c.sessionCookie, 'menhu');
  });

  test('an install reached under a real host name gets no demo data unless it asks', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://portal.example.gov.tw' }).seedDemo, false);
    assert.equal(loadConfig({ PUBLIC_URL: 'https://portal.example.gov.tw', SEED_DEMO: 'true' }).seedDemo, true);
    assert.equal(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://p.example' }).seedDemo, false);
  });

  test('https gives the __Host- cookie; production refuses plain http and PostgreSQL without a master key', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://p.example' }).sessionCookie, '__Host-menhu');
    assert.throws(() => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://p.example' }), ConfigError);
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://p.example', DATABASE_URL: 'postgres://x@h/db' }),
      ConfigError,
    );
  });

  test('a bad value names the variable', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/u);
    assert.throws(() => loadConfig({ MASTER_KEY: 'c2hvcnQ=' }), /MASTER_KEY/u);
  });
});
