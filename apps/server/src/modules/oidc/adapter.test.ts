import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { postgresAdapter, type OidcAdapter } from './adapter.ts';
import { purgeExpiredPayloads } from './adapter-store.ts';
import { SecretBox } from '../../platform/crypto.ts';
import { oidcPayloads } from '../../platform/db/schema.ts';

describe('the OIDC storage adapter (SSO-1)', () => {
  let h: Harness;
  let Adapter: new (model: string) => OidcAdapter;
  before(async () => {
    h = await createHarness();
    Adapter = postgresAdapter(h.ctx.db, h.clock, new SecretBox(h.ctx.keys.oidcKeys));
  });
  after(() => h.close());

  test('a stored payload is found again by id, by uid and by user code, per model', async () => {
    const sessions = new Adapter('Session');
    const codes = new Adapter('DeviceCode');
    await sessions.upsert('s1', { uid: 'u-1', accountId: '42', jti: 's1' }, 600);
    await codes.upsert('d1', { userCode: 'ABCD-EFGH', grantId: 'g0' }, 600);
    assert.deepEqual(await sessions.find('s1'), { uid: 'u-1', accountId: '42', jti: 's1' });
    assert.equal((await sessions.findByUid('u-1'))?.accountId, '42');
    assert.equal((await codes.findByUserCode('ABCD-EFGH'))?.grantId, 'g0');
    assert.equal(await new Adapter('AccessToken').find('s1'), undefined, 'models do not share ids');
  });

  test('upserting again replaces the payload and its indexes', async () => {
    const a = new Adapter('Interaction');
    await a.upsert('i1', { uid: 'old', step: 1 }, 60);
    await a.upsert('i1', { uid: 'new', step: 2 }, 60);
    assert.equal((await a.find('i1'))?.step, 2);
    assert.equal(await a.findByUid('old'), undefined);
    assert.equal((await a.findByUid('new'))?.step, 2);
  });

  test('an expired payload is not found, and the purge removes it', async () => {
    const a = new Adapter('AuthorizationCode');
    await a.upsert('c-exp', { grantId: 'g-exp' }, 60);
    h.clock.advance(61_000);
    assert.equal(await a.find('c-exp'), undefined);
    assert.ok((await purgeExpiredPayloads(h.ctx.db, h.clock.now())) >= 1);
  });

  test('a payload without expiry (a registered client) lives until destroyed', async () => {
    const a = new Adapter('Client');
    await a.upsert('client-1', { client_id: 'client-1', redirect_uris: ['https://app.example/cb'] });
    h.clock.advance(365 * 86_400_000);
    assert.equal((await a.find('client-1'))?.client_id, 'client-1');
    await a.destroy('client-1');
    assert.equal(await a.find('client-1'), undefined);
  });

  test('a client secret is stored encrypted and handed back in clear', async () => {
    const a = new Adapter('Client');
    await a.upsert('client-s', { client_id: 'client-s', client_secret: 'very-secret-value-123' });
    assert.equal((await a.find('client-s'))?.client_secret, 'very-secret-value-123');
    const rows = await h.ctx.db.select().from(oidcPayloads);
    assert.doesNotMatch(JSON.stringify(rows), /very-secret-value-123/u);
  });

  test('consuming marks the payload with the time it was consumed, once', async () => {
    const a = new Adapter('AuthorizationCode');
    await a.upsert('c1', { grantId: 'g1' }, 600);
    await a.consume('c1');
    const first = (await a.find('c1'))?.consumed;
    assert.equal(typeof first, 'number');
    h.clock.advance(5_000);
    await a.consume('c1');
    assert.equal((await a.find('c1'))?.consumed, first);
  });

  test('revoking a grant removes every artefact of it, whatever the model', async () => {
    await new Adapter('AuthorizationCode').upsert('c2', { grantId: 'g2' }, 600);
    await new Adapter('AccessToken').upsert('at2', { grantId: 'g2' }, 600);
    await new Adapter('RefreshToken').upsert('rt2', { grantId: 'g2' }, 600);
    await new Adapter('AccessToken').upsert('at3', { grantId: 'g3' }, 600);
    await new Adapter('AccessToken').revokeByGrantId('g2');
    assert.equal(await new Adapter('AuthorizationCode').find('c2'), undefined);
    assert.equal(await new Adapter('AccessToken').find('at2'), undefined);
    assert.equal(await new Adapter('RefreshToken').find('rt2'), undefined);
    assert.ok(await new Adapter('AccessToken').find('at3'), 'other grants are untouched');
  });
});
