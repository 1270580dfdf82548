import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ERRORS } from './errors.ts';

test('every error code in the catalogue is documented in docs/errors.md', () => {
  const doc = fs.readFileSync(path.join(import.meta.dirname, '../../../docs/errors.md'), 'utf8');
  const missing = Object.keys(ERRORS).filter((code) => !doc.includes(`\`${code}\``));
  assert.deepEqual(missing, []);
});

test('every error code has a status and both languages', () => {
  for (const [code, e] of Object.entries(ERRORS)) {
    assert.ok(e.status >= 400 && e.status < 600, code);
    assert.ok(e.zh.length > 0 && e.en.length > 0, code);
  }
});
