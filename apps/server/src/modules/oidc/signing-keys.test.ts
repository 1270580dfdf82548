import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { oidcKeys } from '../../platform/db/schema.ts';
import { ensureSigningKey, loadSigningKeys, publicJwk, rotateSigningKey } from './signing-keys.ts';

const DAY = 86_400_000;

describe('OIDC signing keys (SSO-1)', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  test('the first start creates one RS256 key, and starting again (even in parallel) adds none', async () => {
    await Promise.all([ensureSigningKey(h.ctx), ensureSigningKey(h.ctx)]);
    await ensureSigningKey(h.ctx);
    const keys = await loadSigningKeys(h.ctx, DAY);
    assert.equal(keys.length, 1);
    assert.equal(keys[0]!.alg, 'RS256');
    assert.equal(keys[0]!.use, 'sig');
  });

  test('the private key is encrypted at rest: the stored row holds neither d nor n', async () => {
    const [k] = await loadSigningKeys(h.ctx, DAY);
    const rows = await h.ctx.db.select().from(oidcKeys);
    for (const r of rows) {
      assert.doesNotMatch(r.jwkEnc, new RegExp(k!.d!.slice(0, 16), 'u'));
      assert.doesNotMatch(r.jwkEnc, new RegExp(k!.n!.slice(0, 16), 'u'));
    }
  });

  test('a key signs and its published half verifies, without any private part', async () => {
    const [k] = await loadSigningKeys(h.ctx, DAY);
    const signature = crypto.sign('sha256', Buffer.from('menhu'), crypto.createPrivateKey({ key: k!, format: 'jwk' }));
    const pub = publicJwk(k!);
    assert.equal('d' in pub, false);
    assert.equal('p' in pub, false);
    assert.ok(
      crypto.verify('sha256', Buffer.from('menhu'), crypto.createPublicKey({ key: pub, format: 'jwk' }), signature),
    );
  });

  test('rotation puts the new key first and keeps the old one published until its tokens expire', async () => {
    const [old] = await loadSigningKeys(h.ctx, DAY);
    const kid = await rotateSigningKey(h.ctx);
    const keys = await loadSigningKeys(h.ctx, DAY);
    assert.deepEqual(
      keys.map((k) => k.kid),
      [kid, old!.kid],
    );
    h.clock.advance(DAY + 1000);
    assert.deepEqual(
      (await loadSigningKeys(h.ctx, DAY)).map((k) => k.kid),
      [kid],
    );
  });
});
