import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { readCertificates } from './service.ts';
import { startTwFidoSim, type TwFidoSim } from './simulator.ts';
import { TwFidoClient, TwFidoError, twfidoChecksum, verifyTwfidoChecksum, type TwFidoConfig } from './twfido-client.ts';

const KEY = crypto.randomBytes(32).toString('base64');
const ID = 'A123456789';
let sim: TwFidoSim;

before(async () => {
  sim = await startTwFidoSim({ serviceId: 'sp-test', key: KEY, unregistered: ['B123456780'] });
});
after(() => sim.close());

const client = (over: Partial<TwFidoConfig> = {}) =>
  new TwFidoClient({ url: sim.url, serviceId: 'sp-test', key: KEY, timeoutMs: 3000, ...over });

async function push(c = client(), idNum = ID) {
  const transactionId = crypto.randomUUID();
  const challenge = crypto.randomBytes(32);
  const { spTicketId } = await c.requestPush({ transactionId, idNum, hint: '登入 Menhu', timeLimit: 60, challenge });
  return { transactionId, spTicketId, challenge, idNum };
}

const control = (ticket: string, action: 'approve' | 'reject' | 'expire') =>
  fetch(`${sim.url}/phone/${ticket}/${action}`, { method: 'POST' });

/** A fetch that passes calls to the simulator and rewrites its answers. */
const tampering =
  (edit: (body: { result: Record<string, unknown> }) => void): typeof fetch =>
  async (input, init) => {
    const res = await fetch(input, init);
    const body = (await res.json()) as { result: Record<string, unknown> };
    if (body.result) edit(body);
    return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
  };

async function rejects(p: Promise<unknown>, kind: TwFidoError['kind']) {
  await assert.rejects(p, (e: unknown) => e instanceof TwFidoError && e.kind === kind);
}

describe('TW FidO checksum', () => {
  it('round-trips and binds every field and the key', () => {
    const c = twfidoChecksum(KEY, ['a', 'b', undefined, 'c']);
    assert.match(c, /^[0-9a-f]{24}[0-9a-f]{128}[0-9a-f]{32}$/u);
    assert.equal(verifyTwfidoChecksum(KEY, ['a', 'b', '', 'c'], c), true);
    assert.equal(verifyTwfidoChecksum(KEY, ['a', 'b', 'c'], c), true, 'concatenation, as the public client does');
    assert.equal(verifyTwfidoChecksum(KEY, ['a', 'b', 'd'], c), false);
    assert.equal(verifyTwfidoChecksum(crypto.randomBytes(32).toString('base64'), ['a', 'b', 'c'], c), false);
    const flipped = c.slice(0, -1) + (c.endsWith('0') ? '1' : '0');
    assert.equal(verifyTwfidoChecksum(KEY, ['a', 'b', 'c'], flipped), false);
    assert.equal(verifyTwfidoChecksum(KEY, ['a', 'b', 'c'], 'zz'), false);
    assert.equal(verifyTwfidoChecksum(KEY, ['a', 'b', 'c'], undefined), false);
  });

  it('uses a fresh IV each time', () => {
    assert.notEqual(twfidoChecksum(KEY, ['x']).slice(0, 24), twfidoChecksum(KEY, ['x']).slice(0, 24));
  });
});

describe('TW FidO client against the simulator', () => {
  it('push → requesting → approve → success with a verified signature', async () => {
    const p = await push();
    assert.deepEqual(await client().poll(p), { status: 'requesting' });
    const pending = (await (await fetch(`${sim.url}/phone/pending`)).json()) as {
      items: { sp_ticket_id: string; masked_id: string }[];
    };
    const item = pending.items.find((i) => i.sp_ticket_id === p.spTicketId);
    assert.equal(item?.masked_id, 'A1*****789', 'the phone page never shows the whole ID number');
    assert.equal((await control(p.spTicketId, 'approve')).status, 200);
    const r = await client().poll(p);
    assert.equal(r.status, 'success');
  });

  it('reports reject and expire', async () => {
    const a = await push();
    await control(a.spTicketId, 'reject');
    assert.deepEqual(await client().poll(a), { status: 'reject' });
    const b = await push();
    await control(b.spTicketId, 'expire');
    assert.deepEqual(await client().poll(b), { status: 'expire' });
    assert.equal((await control(b.spTicketId, 'approve')).status, 404, 'an expired push cannot be approved later');
  });

  it('refuses a tampered idp_checksum on both endpoints', async () => {
    const flip = (body: { result: Record<string, unknown> }) => {
      const c = body.result.idp_checksum as string;
      body.result.idp_checksum = c.slice(0, 30) + (c[30] === 'a' ? 'b' : 'a') + c.slice(31);
    };
    await rejects(push(client({ fetch: tampering(flip) })), 'bad_checksum');
    const p = await push();
    await rejects(client({ fetch: tampering(flip) }).poll(p), 'bad_checksum');
    // A checksum made with another key is refused as well.
    const foreign = client({ key: crypto.randomBytes(32).toString('base64') });
    await assert.rejects(push(foreign), (e: unknown) => e instanceof TwFidoError && e.apiCode === '10003');
  });

  it('refuses a tampered signed_response even with a matching checksum', async () => {
    const p = await push();
    await control(p.spTicketId, 'approve');
    const forge = tampering((body) => {
      const sig = Buffer.from(body.result.signed_response as string, 'base64');
      sig[10] = sig[10]! ^ 1;
      body.result.signed_response = sig.toString('base64');
      // As if the attacker also held the shared key: only the signature check stands in the way.
      body.result.idp_checksum = twfidoChecksum(KEY, [
        p.transactionId,
        '0',
        body.result.hashed_id_num as string,
        body.result.signed_response as string,
      ]);
    });
    await rejects(client({ fetch: forge }).poll(p), 'bad_signature');
    // A success signed over another challenge (a replayed answer) is refused too.
    await rejects(client().poll({ ...p, challenge: crypto.randomBytes(32) }), 'bad_signature');
    // And the genuine answer still verifies.
    assert.equal((await client().poll(p)).status, 'success');
  });

  it('refuses a hashed_id_num that is not the ID number asked about', async () => {
    const p = await push();
    await control(p.spTicketId, 'approve');
    await rejects(client().poll({ ...p, idNum: 'A223456788' }), 'id_mismatch');
  });

  it('checks the signer certificate against the trusted issuers when they are configured', async () => {
    const p = await push();
    await control(p.spTicketId, 'approve');
    const own = new crypto.X509Certificate(sim.certPem);
    assert.equal((await client({ trustedIssuers: [own] }).poll(p)).status, 'success');
    const other = await startTwFidoSim({ serviceId: 'sp-test', key: KEY });
    const file = path.join(os.tmpdir(), `twfido-ca-${crypto.randomUUID()}.pem`);
    fs.writeFileSync(file, `${sim.certPem}\n${other.certPem}`);
    try {
      assert.equal(readCertificates(file).length, 2, 'TWFIDO_CA_FILE holds a bundle');
      await rejects(client({ trustedIssuers: [new crypto.X509Certificate(other.certPem)] }).poll(p), 'bad_signature');
    } finally {
      fs.rmSync(file, { force: true });
      await other.close();
    }
  });

  it('maps error codes', async () => {
    await assert.rejects(push(client(), 'B123456780'), (e: unknown) => {
      assert.ok(e instanceof TwFidoError);
      assert.equal(e.kind, 'api_error');
      assert.equal(e.apiCode, '20001');
      return true;
    });
    await assert.rejects(push(client({ serviceId: 'nobody' })), (e: unknown) => (e as TwFidoError).apiCode === '10002');
    await assert.rejects(
      client().poll({
        transactionId: crypto.randomUUID(),
        spTicketId: crypto.randomUUID(),
        idNum: ID,
        challenge: Buffer.alloc(1),
      }),
      (e: unknown) => (e as TwFidoError).apiCode === '30001',
    );
  });

  it('times out on a service that does not answer, and reports one that is down', async () => {
    const silent = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await rejects(push(client({ url, timeoutMs: 200 })), 'timeout');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
    await rejects(push(client({ url })), 'unreachable');
  });
});
