/** Unit tests of the phone's signature check and of what the phone is shown about the asker. */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { qrApprovalMessage } from '@menhu/contracts';
import { describeAgent } from '@menhu/contracts';
import { sessionHasSecondFactor, verifyDeviceSignature } from './service.ts';

const subtle = crypto.webcrypto.subtle;

async function key() {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await subtle.exportKey('jwk', pair.publicKey);
  const sign = async (m: string) =>
    Buffer.from(
      await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(m)),
    ).toString('base64url');
  return { jwk, sign };
}

test('a WebCrypto ECDSA P-256 signature (IEEE P1363) verifies for its message and key only', async () => {
  const a = await key();
  const b = await key();
  const message = qrApprovalMessage('challenge', 'nonce', 'approve');
  const sig = await a.sign(message);
  assert.equal(Buffer.from(sig, 'base64url').length, 64); // r‖s, not DER
  assert.equal(verifyDeviceSignature(a.jwk, message, sig), true);
  assert.equal(verifyDeviceSignature(b.jwk, message, sig), false);
  assert.equal(verifyDeviceSignature(a.jwk, qrApprovalMessage('challenge', 'nonce', 'reject'), sig), false);
  assert.equal(verifyDeviceSignature(a.jwk, qrApprovalMessage('other', 'nonce', 'approve'), sig), false);
  assert.equal(verifyDeviceSignature(a.jwk, message, 'not-a-signature'), false);
  assert.equal(verifyDeviceSignature({ kty: 'EC', crv: 'P-256', x: 'bad', y: 'bad' }, message, sig), false);
  assert.equal(verifyDeviceSignature(null, message, sig), false);
});

test('what the phone is told about the asking browser', () => {
  assert.deepEqual(
    describeAgent(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0',
    ),
    { browser: 'Edge', os: 'Windows' },
  );
  assert.deepEqual(
    describeAgent(
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    ),
    { browser: 'Safari', os: 'macOS' },
  );
  assert.deepEqual(describeAgent(null), { browser: '', os: '' });
});

test('which sessions may bind a phone: two factors, or one that counts as two', () => {
  assert.equal(sessionHasSecondFactor('password'), false);
  assert.equal(sessionHasSecondFactor('totp'), false);
  assert.equal(sessionHasSecondFactor('temp_password'), false);
  assert.equal(sessionHasSecondFactor('password+totp'), true);
  assert.equal(sessionHasSecondFactor('totp+password'), true);
  assert.equal(sessionHasSecondFactor('passkey'), true);
  assert.equal(sessionHasSecondFactor('mobile_moica'), true);
});
