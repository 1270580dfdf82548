import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { acrOf, amrOf, secondFactorRequired } from './mfa-policy.ts';

test('amr and acr describe the factors a session used (RFC 8176 values)', () => {
  assert.deepEqual(amrOf('password'), ['pwd']);
  assert.equal(acrOf('password'), 'urn:menhu:loa:1');
  assert.deepEqual(amrOf('password+totp'), ['pwd', 'otp']);
  assert.equal(acrOf('password+totp'), 'urn:menhu:loa:2');
  assert.deepEqual(amrOf('totp+password'), ['otp', 'pwd']);
  assert.deepEqual(amrOf('password+recovery'), ['pwd', 'otp']);
  assert.equal(acrOf('totp'), 'urn:menhu:loa:1');
});

test('a second factor is required for the configured roles, and outside the intranet', () => {
  const cfg = loadConfig({ NODE_ENV: 'test', INTRANET_CIDRS: '10.0.0.0/8' });
  assert.equal(secondFactorRequired(cfg, ['system_admin'], '10.1.1.1'), true, 'admins by default');
  assert.equal(secondFactorRequired(cfg, [], '10.1.1.1'), false);
  assert.equal(secondFactorRequired(cfg, [], '203.0.113.5'), true, 'outside the intranet by default');
  const none = loadConfig({ NODE_ENV: 'test', MFA_REQUIRED_ROLES: 'none', MFA_REQUIRED_OUTSIDE_INTRANET: 'false' });
  assert.equal(secondFactorRequired(none, ['system_admin'], '203.0.113.5'), false);
  assert.throws(() => loadConfig({ MFA_REQUIRED_ROLES: 'boss' }), /MFA_REQUIRED_ROLES/u);
  assert.throws(() => loadConfig({ INTRANET_CIDRS: '10.0.0.0/33' }), /INTRANET_CIDRS/u);
  assert.throws(() => loadConfig({ LOGIN_METHODS: 'password,magic' }), /LOGIN_METHODS/u);
});
