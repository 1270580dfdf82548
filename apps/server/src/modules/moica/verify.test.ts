/**
 * 自然人憑證 signature verification against a test PKI shaped like MOICA's (two issuing CAs
 * with one subject name), with a real OCSP responder and CRL server on a local port.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { x509 } from './x509.ts';
import { TestClock } from '../../platform/clock.ts';
import { TestPki } from '../../test-support/moica-pki.ts';
import {
  MoicaError,
  RevocationCache,
  httpFetcher,
  loadAnchors,
  verifyMoicaSignature,
  type MoicaFailure,
  type VerifyOptions,
} from './verify.ts';

const CHALLENGE = 'Qm9n5s3ZbM3m7n1xY0tQ8wK2cR4vL6pE9aH1jD0fU5g';
const MIN = 60_000;

describe('MOICA signature verification', () => {
  const clock = new TestClock();
  let pki: TestPki;
  let anchors: x509.X509Certificate[];
  let cache: RevocationCache;

  before(async () => {
    pki = await TestPki.create(() => clock.now());
    anchors = loadAnchors([pki.writeAnchors()]);
  });
  after(() => pki.close());
  beforeEach(() => {
    cache = new RevocationCache();
    pki.ocspDown = false;
    pki.crlDown = false;
  });

  const opts = (over: Partial<VerifyOptions> = {}): VerifyOptions => ({
    challenge: CHALLENGE,
    now: clock.now(),
    anchors,
    fetcher: httpFetcher(2000),
    cache,
    signingSkewMs: 5 * MIN,
    ocspGoodTtlMs: 5 * MIN,
    crlMaxTtlMs: 60 * MIN,
    ...over,
  });

  async function refused(p: Promise<unknown>, reason: MoicaFailure) {
    await assert.rejects(p, (err: unknown) => {
      assert.ok(err instanceof MoicaError, String(err));
      assert.equal(err.reason, reason, err.message);
      return true;
    });
  }

  test('a good signature: fields extracted, issuer chosen by key identifier among CAs of one subject', async () => {
    for (const ca of ['g2', 'g3'] as const) {
      const card = await pki.issueCard({ ca, name: '王小明', idTail: '7556' });
      const sig = await pki.sign(card, { challenge: CHALLENGE, cardSerial: 'TP03000000012345' });
      const v = await verifyMoicaSignature(sig, opts());
      assert.equal(v.subjectCn, '王小明');
      assert.equal(v.idTail, '7556');
      assert.equal(v.cardSerial, 'TP03000000012345');
      assert.equal(v.revocation, 'ocsp');
      assert.equal(v.issuerKeyId, pki.cas[ca].cert.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId);
      assert.match(v.fingerprint, /^[0-9a-f]{64}$/u);
    }
    assert.equal(pki.cas.g2.cert.subject, pki.cas.g3.cert.subject);
  });

  test('an RSA card and a detached signature verify too', async () => {
    const card = await pki.issueCard({ rsa: true });
    const sig = await pki.sign(card, { challenge: CHALLENGE, attached: false });
    assert.equal((await verifyMoicaSignature(sig, opts())).subjectCn, '王小明');
  });

  test('only the root as anchor: the chain goes through an intermediate the signature carries', async () => {
    const card = await pki.issueCard({ ca: 'g2' });
    const sig = await pki.sign(card, { challenge: CHALLENGE, extraCerts: [pki.cas.g2.cert] });
    const rootOnly = loadAnchors([pki.writeAnchors([pki.root])]);
    assert.ok(await verifyMoicaSignature(sig, opts({ anchors: rootOnly })));
    // Carrying the other CA of the same name instead does not help: its key did not sign the card.
    const wrong = await pki.sign(card, { challenge: CHALLENGE, extraCerts: [pki.cas.g3.cert] });
    await refused(verifyMoicaSignature(wrong, opts({ anchors: rootOnly })), 'untrusted');
  });

  test('expired and not-yet-valid certificates are refused', async () => {
    const t = clock.now().getTime();
    const old = await pki.issueCard({ notBefore: new Date(t - 400 * 86_400_000), notAfter: new Date(t - 86_400_000) });
    await refused(verifyMoicaSignature(await pki.sign(old, { challenge: CHALLENGE }), opts()), 'expired');
    const future = await pki.issueCard({ notBefore: new Date(t + 86_400_000) });
    await refused(verifyMoicaSignature(await pki.sign(future, { challenge: CHALLENGE }), opts()), 'not_yet_valid');
  });

  test('revoked by OCSP', async () => {
    const card = await pki.issueCard();
    pki.revoke(card.cert, 'ocsp');
    await refused(verifyMoicaSignature(await pki.sign(card, { challenge: CHALLENGE }), opts()), 'revoked');
  });

  test('OCSP down: the CRL decides (revoked → refused, listed nowhere → accepted)', async () => {
    pki.ocspDown = true;
    const card = await pki.issueCard();
    const fine = await pki.issueCard();
    pki.revoke(card.cert, 'crl');
    await refused(verifyMoicaSignature(await pki.sign(card, { challenge: CHALLENGE }), opts()), 'revoked');
    const v = await verifyMoicaSignature(await pki.sign(fine, { challenge: CHALLENGE }), opts());
    assert.equal(v.revocation, 'crl');
  });

  test('OCSP and CRL both down: refused (fail closed); no location at all: refused', async () => {
    pki.ocspDown = true;
    pki.crlDown = true;
    const card = await pki.issueCard();
    await refused(
      verifyMoicaSignature(await pki.sign(card, { challenge: CHALLENGE }), opts()),
      'revocation_unavailable',
    );
    pki.ocspDown = false;
    pki.crlDown = false;
    const nowhere = await pki.issueCard({ ocsp: false, crl: false });
    await refused(
      verifyMoicaSignature(await pki.sign(nowhere, { challenge: CHALLENGE }), opts()),
      'revocation_unavailable',
    );
  });

  test('answers are cached: a good OCSP answer for a few minutes only', async () => {
    const card = await pki.issueCard();
    const sig = await pki.sign(card, { challenge: CHALLENGE });
    const before = pki.ocspRequests;
    await verifyMoicaSignature(sig, opts());
    assert.equal((await verifyMoicaSignature(sig, opts())).revocation, 'cache');
    assert.equal(pki.ocspRequests, before + 1);
    pki.revoke(card.cert, 'ocsp');
    clock.advance(6 * MIN);
    const late = await pki.sign(card, { challenge: CHALLENGE });
    await refused(verifyMoicaSignature(late, opts()), 'revoked');
  });

  test('wrong nonce, content other than the challenge, missing nonce', async () => {
    const card = await pki.issueCard();
    await refused(
      verifyMoicaSignature(await pki.sign(card, { challenge: CHALLENGE, nonce: 'other' }), opts()),
      'nonce',
    );
    await refused(verifyMoicaSignature(await pki.sign(card, { challenge: CHALLENGE, nonce: null }), opts()), 'nonce');
    await refused(
      verifyMoicaSignature(await pki.sign(card, { challenge: CHALLENGE, content: 'something else' }), opts()),
      'nonce',
    );
    // A signature made for another challenge, presented for this one (attached, and detached).
    await refused(verifyMoicaSignature(await pki.sign(card, { challenge: 'another' }), opts()), 'nonce');
    const detached = await pki.sign(card, { challenge: 'another', attached: false });
    await refused(verifyMoicaSignature(detached, opts()), 'signature');
  });

  test('stale, future or missing signing time', async () => {
    const card = await pki.issueCard();
    const t = clock.now().getTime();
    for (const at of [new Date(t - 10 * MIN), new Date(t + 10 * MIN), null])
      await refused(
        verifyMoicaSignature(await pki.sign(card, { challenge: CHALLENGE, signingTime: at }), opts()),
        'signing_time',
      );
  });

  test('a signature by a key other than the certificate’s', async () => {
    const card = await pki.issueCard();
    const other = await pki.issueCard();
    await refused(
      verifyMoicaSignature(await pki.sign(card, { challenge: CHALLENGE, signWith: other.key }), opts()),
      'signature',
    );
  });

  test('an issuer that is not a trust anchor, though it has the same subject name', async () => {
    const card = await pki.issueCard({ ca: 'rogue' });
    assert.equal(card.cert.issuer, pki.cas.g3.cert.subject);
    await refused(verifyMoicaSignature(await pki.sign(card, { challenge: CHALLENGE }), opts()), 'untrusted');
  });

  test('a certificate without digitalSignature (the encryption certificate) is refused', async () => {
    const card = await pki.issueCard({ keyUsage: x509.KeyUsageFlags.keyEncipherment });
    await refused(verifyMoicaSignature(await pki.sign(card, { challenge: CHALLENGE }), opts()), 'key_usage');
  });

  test('a SignedData without the certificate: HiPKI’s certb64 is used — only if it is the signer’s', async () => {
    const card = await pki.issueCard();
    const other = await pki.issueCard();
    const sig = await pki.sign(card, { challenge: CHALLENGE, omitCertificate: true });
    await refused(verifyMoicaSignature(sig, opts()), 'malformed');
    const certificate = Buffer.from(card.cert.rawData).toString('base64');
    assert.ok(await verifyMoicaSignature(sig, opts({ certificate })));
    const wrong = Buffer.from(other.cert.rawData).toString('base64');
    await refused(verifyMoicaSignature(sig, opts({ certificate: wrong })), 'malformed');
  });

  test('garbage is malformed', async () => {
    await refused(verifyMoicaSignature('bm90IGEgc2lnbmF0dXJl', opts()), 'malformed');
    await refused(verifyMoicaSignature('', opts()), 'malformed');
  });
});
