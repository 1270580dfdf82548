import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base32Decode, base32Encode, codeAt, matchStep, otpauthUri, stepAt } from './totp.ts';

// RFC 6238 Appendix B (SHA-1 seed "12345678901234567890", 8 digits).
const SEED = Buffer.from('12345678901234567890');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

test('RFC 6238 test vectors (SHA-1)', () => {
  for (const [t, code] of VECTORS) assert.equal(codeAt(SEED, stepAt(t * 1000), 8), code, `T=${t}`);
});

test('base32 round-trips and matches RFC 4648', () => {
  assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
  assert.equal(base32Decode('MZXW6YTBOI').toString(), 'foobar');
  assert.equal(base32Decode('mzxw 6ytb-oi').toString(), 'foobar');
});

test('a code matches its step and the neighbours, once, and never an older step', () => {
  const secret = base32Encode(SEED);
  const now = 1_700_000_000_000;
  const step = stepAt(now);
  const code = codeAt(SEED, step);
  assert.equal(matchStep(secret, code, now, 0), step);
  assert.equal(matchStep(secret, code, now + 30_000, 0), step, 'one step late is fine');
  assert.equal(matchStep(secret, code, now + 60_000, 0), null, 'two steps late is not');
  assert.equal(matchStep(secret, code, now, step), null, 'a used step is refused');
  assert.equal(matchStep(secret, codeAt(SEED, step - 1), now, step), null, 'an older code after a newer one');
  assert.equal(matchStep(secret, '12345', now, 0), null);
  assert.equal(matchStep(secret, 'abcdef', now, 0), null);
});

test('the otpauth URI carries issuer, account and parameters the apps expect', () => {
  const uri = new URL(otpauthUri('Menhu 門戶', 'user01', 'JBSWY3DPEHPK3PXP'));
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.host, 'totp');
  assert.equal(decodeURIComponent(uri.pathname), '/Menhu 門戶:user01');
  assert.equal(uri.searchParams.get('secret'), 'JBSWY3DPEHPK3PXP');
  assert.equal(uri.searchParams.get('issuer'), 'Menhu 門戶');
  assert.equal(uri.searchParams.get('digits'), '6');
  assert.equal(uri.searchParams.get('period'), '30');
});
