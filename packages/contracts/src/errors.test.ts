import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ERRORS } from './errors.ts';

const DOC = path.join(import.meta.dirname, '../../../docs/errors.md');

/** The catalogue table of docs/errors.md: code → [status, zh, en]. */
function documented(): Map<string, string[]> {
  const md = fs.readFileSync(DOC, 'utf8');
  const rows = md.matchAll(/^\| `(MENHU_ERR_[A-Z_]+)` \| (\d{3}) \| (.*?) \| (.*?) \|$/gmu);
  return new Map([...rows].map((m) => [m[1]!, [m[2]!, m[3]!, m[4]!]]));
}

// errors-documented.test.ts checks each code is mentioned; these check what the table says.
describe('the error catalogue', () => {
  test('every code is MENHU_ERR_ plus upper-case words', () => {
    for (const code of Object.keys(ERRORS)) assert.match(code, /^MENHU_ERR_[A-Z]+(_[A-Z]+)*$/u);
  });

  test('zh messages are Chinese and en messages are English sentences', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      assert.match(e.zh, /\p{Script=Han}/u, code);
      assert.match(e.en, /^[A-Z].*\.$/u, code);
    }
  });

  test('docs/errors.md shows each code with the status and messages the API sends', () => {
    const docs = documented();
    for (const [code, e] of Object.entries(ERRORS)) {
      assert.deepEqual(docs.get(code), [String(e.status), e.zh, e.en], `${code} in docs/errors.md`);
    }
  });

  test('docs/errors.md documents no code the API does not have', () => {
    const unknown = [...documented().keys()].filter((code) => !(code in ERRORS));
    assert.deepEqual(unknown, []);
  });
});
