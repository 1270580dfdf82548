/**
 * 實體自然人憑證 (MOICA smart card) signature verification, with no database: the base64
 * PKCS#7/CMS SignedData the local HiPKI service returns is checked step by step —
 *   1. structure: one signer, its certificate inside, signed attributes present;
 *   2. signature: messageDigest = hash(content) and the signature over the signed attributes
 *      verifies with the certificate's key (RSA PKCS#1 v1.5 or ECDSA);
 *   3. freshness: the nonce attribute (1.2.840.113549.1.9.25.3) and any encapsulated content equal
 *      the server's challenge; signingTime (1.2.840.113549.1.9.5) within the allowed skew of now;
 *   4. chain: issuers chosen by key identifier (AKI → SKI, never by name: MOICA G2 and G3 share
 *      one subject), each signature verified, up to a configured trust anchor; every certificate
 *      of the chain valid now; the signer's key usage includes digitalSignature;
 *   5. revocation of the signer's certificate: OCSP from its AIA first, else the CRL from its
 *      distribution point; neither answering → refused (fail closed). Answers are cached per node.
 * The network is reached only through the injected `Fetcher`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { x509 } from './x509.ts';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: globalThis.crypto }));

export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  nonce: '1.2.840.113549.1.9.25.3',
  cardSerial: '2.16.886.1.100.2.204',
  subjectDirectoryAttributes: '2.5.29.9',
  idTail: '2.16.886.1.100.2.51',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

/** Why a signature was refused (audited; never shown to an anonymous caller in detail). */
export type MoicaFailure =
  | 'malformed'
  | 'signature'
  | 'nonce'
  | 'signing_time'
  | 'untrusted'
  | 'expired'
  | 'not_yet_valid'
  | 'key_usage'
  | 'revoked'
  | 'revocation_unavailable';

export class MoicaError extends Error {
  reason: MoicaFailure;
  constructor(reason: MoicaFailure, message?: string) {
    super(message ?? reason);
    this.reason = reason;
  }
}

/** The one way out to OCSP responders and CRL servers (tests inject their own). */
export type Fetcher = (
  url: string,
  init: { method: 'GET' | 'POST'; body?: Uint8Array; contentType?: string },
) => Promise<Uint8Array>;

export function httpFetcher(timeoutMs: number): Fetcher {
  return async (url, init) => {
    if (!/^https?:\/\//iu.test(url)) throw new Error(`not an http(s) URL: ${url}`);
    const res = await fetch(url, {
      method: init.method,
      ...(init.body
        ? { body: init.body, headers: { 'content-type': init.contentType ?? 'application/octet-stream' } }
        : {}),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.byteLength > 20 * 1024 * 1024) throw new Error(`${url}: answer too large`);
    return buf;
  };
}

export interface VerifyOptions {
  /** HiPKI's certb64 (base64 DER), for a SignedData that does not carry the signer's certificate. */
  certificate?: string | undefined;
  /** The server-issued challenge the card signed (tbs and nonce). */
  challenge: string;
  now: Date;
  anchors: x509.X509Certificate[];
  fetcher: Fetcher;
  cache: RevocationCache;
  /** How far signingTime may be from now, either way. */
  signingSkewMs: number;
  /** Cap on how long an OCSP 'good' answer is reused. */
  ocspGoodTtlMs: number;
  /** Cap on how long a CRL (and what it says) is reused. */
  crlMaxTtlMs: number;
}

export interface VerifiedSignature {
  certificate: x509.X509Certificate;
  /** SHA-256 of the certificate's DER, hex. */
  fingerprint: string;
  /** Serial number, lower-case hex without leading zeros. */
  serialNumber: string;
  /** The issuer's key identifier (the certificate's AKI), hex. */
  issuerKeyId: string;
  subjectCn: string;
  /** Last four characters of the holder's ID number (Subject Directory Attributes), if present. */
  idTail: string | null;
  cardSerial: string | null;
  notAfter: Date;
  signingTime: Date;
  revocation: 'ocsp' | 'crl' | 'cache';
}

// ---------------------------------------------------------------- helpers

const hex = (b: ArrayBuffer | Uint8Array) =>
  Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');
export const normSerial = (s: string) => s.toLowerCase().replace(/^(00)+(?=.)/u, '') || '0';

const HASHES: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};
const SIG_HASH: Record<string, string | null> = {
  '1.2.840.113549.1.1.1': null, // rsaEncryption: hash from the digest algorithm
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.113549.1.1.5': 'sha1', // only for OCSP answers of older responders
};

function publicKeyOf(cert: x509.X509Certificate): crypto.KeyObject {
  return crypto.createPublicKey({ key: Buffer.from(cert.publicKey.rawData), format: 'der', type: 'spki' });
}

function verifyRaw(
  cert: x509.X509Certificate,
  algOid: string,
  hashFallback: string | null,
  data: Uint8Array,
  sig: Uint8Array,
) {
  if (!(algOid in SIG_HASH)) return false;
  const hash = SIG_HASH[algOid] ?? hashFallback;
  if (!hash) return false;
  try {
    return crypto.verify(hash, data, publicKeyOf(cert), sig);
  } catch {
    return false;
  }
}

const ski = (c: x509.X509Certificate) =>
  c.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId?.toLowerCase() ?? null;
const aki = (c: x509.X509Certificate) =>
  c.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId?.toLowerCase() ?? null;
/** A CA certificate that may sign certificates (basicConstraints CA, and keyCertSign if it has key usage). */
const isCa = (c: x509.X509Certificate) => {
  if (c.getExtension(x509.BasicConstraintsExtension)?.ca !== true) return false;
  const ku = c.getExtension(x509.KeyUsagesExtension);
  return !ku || (ku.usages & x509.KeyUsageFlags.keyCertSign) !== 0;
};
const sameCert = (a: x509.X509Certificate, b: x509.X509Certificate) =>
  Buffer.from(a.rawData).equals(Buffer.from(b.rawData));

/** Text of a string-ish ASN.1 value (PrintableString, UTF8String, IA5String, OCTET STRING…). */
function asnText(v: asn1js.AsnType): string | null {
  const block = (v as { valueBlock?: { value?: unknown; valueHexView?: Uint8Array } }).valueBlock;
  if (!block) return null;
  if (v instanceof asn1js.OctetString) return Buffer.from(block.valueHexView ?? []).toString('utf8');
  if (typeof block.value === 'string') return block.value;
  if (block.valueHexView) return Buffer.from(block.valueHexView).toString('utf8');
  return null;
}

/** Loads the trust anchors: PEM/DER files, or directories of them (*.pem, *.crt, *.cer). */
export function loadAnchors(paths: string[]): x509.X509Certificate[] {
  const out: x509.X509Certificate[] = [];
  const readFile = (file: string) => {
    const raw = fs.readFileSync(file);
    const text = raw.toString('latin1');
    if (text.includes('-----BEGIN CERTIFICATE-----')) {
      for (const m of text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/gu))
        out.push(new x509.X509Certificate(m[0]));
    } else out.push(new x509.X509Certificate(raw));
  };
  for (const p of paths) {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const f of fs.readdirSync(p).sort()) if (/\.(pem|crt|cer)$/iu.test(f)) readFile(path.join(p, f));
    } else readFile(p);
  }
  return out;
}

// ---------------------------------------------------------------- revocation cache

interface Cached<T> {
  value: T;
  until: number;
}

/** Per-node memory of revocation answers: status per certificate, and downloaded CRLs. */
export class RevocationCache {
  status = new Map<string, Cached<'good' | 'revoked'>>();
  crls = new Map<string, Cached<x509.X509Crl>>();
  clear(): void {
    this.status.clear();
    this.crls.clear();
  }
  get<T>(map: Map<string, Cached<T>>, key: string, now: Date): T | null {
    const hit = map.get(key);
    if (!hit) return null;
    if (hit.until <= now.getTime()) {
      map.delete(key);
      return null;
    }
    return hit.value;
  }
  put<T>(map: Map<string, Cached<T>>, key: string, value: T, until: number): void {
    if (map.size > 10_000) map.clear(); // a crude bound; answers are cheap to fetch again
    map.set(key, { value, until });
  }
}

// ---------------------------------------------------------------- CMS

interface ParsedCms {
  signerInfo: pkijs.SignerInfo;
  signer: x509.X509Certificate;
  others: x509.X509Certificate[];
  attrs: Map<string, asn1js.AsnType[]>;
  content: Uint8Array | null;
  signedAttrsDer: Uint8Array;
}

function parseCms(signatureB64: string, certificateB64?: string): ParsedCms {
  try {
    const der = Buffer.from(signatureB64.replace(/\s+/gu, ''), 'base64');
    const asn = asn1js.fromBER(der);
    if (asn.offset === -1) throw new Error('not BER');
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== OID.signedData) throw new Error('not SignedData');
    const sd = new pkijs.SignedData({ schema: info.content });
    if (sd.signerInfos.length !== 1) throw new Error('exactly one signer expected');
    const signerInfo = sd.signerInfos[0]!;
    const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    // Only a candidate: it is used when it matches the signer identifier, like any carried one.
    if (certificateB64) certs.push(pkijs.Certificate.fromBER(Buffer.from(certificateB64, 'base64')));
    let signerPk: pkijs.Certificate | undefined;
    const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber | asn1js.Constructed;
    if (sid instanceof pkijs.IssuerAndSerialNumber)
      signerPk = certs.find((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer));
    else {
      const keyId = hex(
        ((sid as asn1js.Constructed).valueBlock.value[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView ??
          new Uint8Array(),
      );
      signerPk = certs.find((c) => ski(new x509.X509Certificate(c.toSchema().toBER())) === keyId);
    }
    if (!signerPk) throw new Error('signer certificate not included');
    const toX = (c: pkijs.Certificate) => new x509.X509Certificate(c.toSchema().toBER());
    const signer = toX(signerPk);
    const others = certs.filter((c) => c !== signerPk).map(toX);
    if (!signerInfo.signedAttrs) throw new Error('no signed attributes');
    const attrs = new Map<string, asn1js.AsnType[]>();
    for (const a of signerInfo.signedAttrs.attributes) {
      if (attrs.has(a.type)) throw new Error(`duplicate attribute ${a.type}`);
      attrs.set(a.type, a.values);
    }
    // The signature covers the attributes DER-encoded as a SET (tag 0x31), not as [0].
    const signedAttrsDer = new Uint8Array(signerInfo.signedAttrs.encodedValue.slice(0));
    signedAttrsDer[0] = 0x31;
    const e = sd.encapContentInfo.eContent;
    const content = e ? new Uint8Array(e.getValue()) : null;
    return { signerInfo, signer, others, attrs, content, signedAttrsDer };
  } catch (err) {
    if (err instanceof MoicaError) throw err;
    throw new MoicaError('malformed', (err as Error).message);
  }
}

function checkSignature(cms: ParsedCms, challengeBytes: Uint8Array): void {
  const digestName = HASHES[cms.signerInfo.digestAlgorithm.algorithmId];
  if (!digestName || digestName === 'sha1') throw new MoicaError('signature', 'digest algorithm not accepted');
  const content = cms.content ?? challengeBytes; // detached: the content is the challenge itself
  const md = cms.attrs.get(OID.messageDigest)?.[0];
  if (!(md instanceof asn1js.OctetString)) throw new MoicaError('malformed', 'no messageDigest');
  const expected = crypto.createHash(digestName).update(content).digest();
  if (!expected.equals(Buffer.from(md.valueBlock.valueHexView))) throw new MoicaError('signature', 'message digest');
  const ok = verifyRaw(
    cms.signer,
    cms.signerInfo.signatureAlgorithm.algorithmId,
    digestName,
    cms.signedAttrsDer,
    cms.signerInfo.signature.valueBlock.valueHexView,
  );
  if (!ok) throw new MoicaError('signature');
}

function checkFreshness(cms: ParsedCms, challengeBytes: Uint8Array, now: Date, skewMs: number): Date {
  const nonce = cms.attrs.get(OID.nonce)?.[0];
  const nonceBytes = nonce
    ? nonce instanceof asn1js.OctetString
      ? Buffer.from(nonce.valueBlock.valueHexView)
      : Buffer.from(asnText(nonce) ?? '', 'utf8')
    : null;
  if (!nonceBytes || !nonceBytes.equals(Buffer.from(challengeBytes))) throw new MoicaError('nonce');
  if (cms.content && !Buffer.from(cms.content).equals(Buffer.from(challengeBytes)))
    throw new MoicaError('nonce', 'signed content is not the challenge');
  const st = cms.attrs.get(OID.signingTime)?.[0];
  const at = st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime ? st.toDate() : null;
  if (!at || Number.isNaN(at.getTime())) throw new MoicaError('signing_time', 'no signing time');
  if (Math.abs(at.getTime() - now.getTime()) > skewMs) throw new MoicaError('signing_time');
  return at;
}

// ---------------------------------------------------------------- chain

function validAt(c: x509.X509Certificate, now: Date): void {
  if (now.getTime() < c.notBefore.getTime()) throw new MoicaError('not_yet_valid', c.subject);
  if (now.getTime() > c.notAfter.getTime()) throw new MoicaError('expired', c.subject);
}

/** [leaf, issuer, …, anchor], issuers found by key identifier only. */
export async function buildChain(
  leaf: x509.X509Certificate,
  anchors: x509.X509Certificate[],
  intermediates: x509.X509Certificate[],
): Promise<x509.X509Certificate[]> {
  const chain = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 6; depth++) {
    if (anchors.some((a) => sameCert(a, current)) && depth > 0) return chain;
    const keyId = aki(current);
    if (!keyId) throw new MoicaError('untrusted', 'no authority key identifier');
    let issuer: x509.X509Certificate | null = null;
    for (const candidate of [...anchors, ...intermediates]) {
      if (ski(candidate) !== keyId || !isCa(candidate) || sameCert(candidate, current)) continue;
      if (await current.verify({ publicKey: candidate.publicKey, signatureOnly: true })) {
        issuer = candidate;
        break;
      }
    }
    if (!issuer) throw new MoicaError('untrusted', `no trusted issuer with key id ${keyId}`);
    chain.push(issuer);
    current = issuer;
  }
  if (anchors.some((a) => sameCert(a, current))) return chain;
  throw new MoicaError('untrusted', 'chain too long');
}

// ---------------------------------------------------------------- revocation

const pk = (c: x509.X509Certificate) => pkijs.Certificate.fromBER(c.rawData);

async function ocspStatus(
  leaf: x509.X509Certificate,
  issuer: x509.X509Certificate,
  url: string,
  opts: VerifyOptions,
): Promise<{ status: 'good' | 'revoked'; nextUpdate: Date | null }> {
  const leafPk = pk(leaf);
  const issuerPk = pk(issuer);
  const req = new pkijs.OCSPRequest();
  await req.createForCertificate(leafPk, { hashAlgorithm: 'SHA-1', issuerCertificate: issuerPk });
  const answer = await opts.fetcher(url, {
    method: 'POST',
    body: new Uint8Array(req.toSchema(true).toBER()),
    contentType: 'application/ocsp-request',
  });
  const resp = pkijs.OCSPResponse.fromBER(answer);
  if (resp.responseStatus.valueBlock.valueDec !== 0)
    throw new Error(`OCSP status ${resp.responseStatus.valueBlock.valueDec}`);
  if (!resp.responseBytes || resp.responseBytes.responseType !== OID.ocspBasic)
    throw new Error('not a basic OCSP answer');
  const basic = pkijs.BasicOCSPResponse.fromBER(resp.responseBytes.response.valueBlock.valueHexView);
  const tbs = basic.tbsResponseData.tbsView;
  const sig = basic.signature.valueBlock.valueHexView;
  const alg = basic.signatureAlgorithm.algorithmId;
  // Signed by the issuer itself, or by a responder the issuer delegated (id-kp-OCSPSigning).
  let signed = verifyRaw(issuer, alg, null, tbs, sig);
  for (const c of basic.certs ?? []) {
    if (signed) break;
    const responder = new x509.X509Certificate(c.toSchema().toBER());
    const eku = responder.getExtension(x509.ExtendedKeyUsageExtension)?.usages ?? [];
    if (!eku.includes(OID.ocspSigning)) continue;
    if (now(opts) < responder.notBefore.getTime() || now(opts) > responder.notAfter.getTime()) continue;
    if (!(await responder.verify({ publicKey: issuer.publicKey, signatureOnly: true }))) continue;
    signed = verifyRaw(responder, alg, null, tbs, sig);
  }
  if (!signed) throw new Error('OCSP answer not signed by the issuer or its responder');
  const nameHash = (h: string) =>
    crypto.createHash(h).update(Buffer.from(issuerPk.subject.toSchema().toBER())).digest();
  const keyHash = (h: string) =>
    crypto.createHash(h).update(issuerPk.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  for (const single of basic.tbsResponseData.responses) {
    const h = HASHES[single.certID.hashAlgorithm.algorithmId];
    if (!h) continue;
    if (!single.certID.serialNumber.isEqual(leafPk.serialNumber)) continue;
    if (!nameHash(h).equals(Buffer.from(single.certID.issuerNameHash.valueBlock.valueHexView))) continue;
    if (!keyHash(h).equals(Buffer.from(single.certID.issuerKeyHash.valueBlock.valueHexView))) continue;
    const t = now(opts);
    if (single.thisUpdate.getTime() > t + opts.signingSkewMs) throw new Error('OCSP answer from the future');
    const nextUpdate = single.nextUpdate ?? null;
    if (nextUpdate && nextUpdate.getTime() < t) throw new Error('OCSP answer is stale');
    if (!nextUpdate && t - single.thisUpdate.getTime() > opts.ocspGoodTtlMs) throw new Error('OCSP answer is stale');
    const tag = (single.certStatus as asn1js.AsnType & { idBlock: { tagNumber: number } }).idBlock.tagNumber;
    if (tag === 0) return { status: 'good', nextUpdate };
    if (tag === 1) return { status: 'revoked', nextUpdate };
    throw new Error('OCSP status unknown');
  }
  throw new Error('OCSP answer does not name the certificate');
}

const now = (opts: VerifyOptions) => opts.now.getTime();

async function crlStatus(
  leaf: x509.X509Certificate,
  issuer: x509.X509Certificate,
  url: string,
  opts: VerifyOptions,
): Promise<{ status: 'good' | 'revoked'; until: number }> {
  let crl = opts.cache.get(opts.cache.crls, url, opts.now);
  if (!crl) {
    crl = new x509.X509Crl(await opts.fetcher(url, { method: 'GET' }));
    if (!(await crl.verify({ publicKey: issuer.publicKey }))) throw new Error('CRL not signed by the issuer');
    if (crl.thisUpdate.getTime() > now(opts) + opts.signingSkewMs) throw new Error('CRL from the future');
    if (!crl.nextUpdate || crl.nextUpdate.getTime() < now(opts)) throw new Error('CRL is stale');
    opts.cache.put(opts.cache.crls, url, crl, Math.min(crl.nextUpdate.getTime(), now(opts) + opts.crlMaxTtlMs));
  } else if (!(await crl.verify({ publicKey: issuer.publicKey }))) throw new Error('cached CRL of another issuer');
  const serial = normSerial(leaf.serialNumber);
  const revoked = crl.entries.some((e) => normSerial(e.serialNumber) === serial);
  return {
    status: revoked ? 'revoked' : 'good',
    until: Math.min(crl.nextUpdate?.getTime() ?? 0, now(opts) + opts.crlMaxTtlMs),
  };
}

function ocspUrls(c: x509.X509Certificate): string[] {
  const aia = c.getExtension(x509.AuthorityInfoAccessExtension);
  return (aia?.ocsp ?? []).filter((g) => g.type === 'url').map((g) => g.value);
}

function crlUrls(c: x509.X509Certificate): string[] {
  const ext = c.getExtension(x509.CRLDistributionPointsExtension);
  const out: string[] = [];
  for (const dp of ext?.distributionPoints ?? [])
    for (const n of dp.distributionPoint?.fullName ?? [])
      if (n.uniformResourceIdentifier) out.push(n.uniformResourceIdentifier);
  return out;
}

export interface RevocationLog {
  source: 'ocsp' | 'crl' | 'cache';
  errors: string[];
}

/** 'good' or throws: revoked, or no source answered (fail closed). */
export async function checkRevocation(
  leaf: x509.X509Certificate,
  issuer: x509.X509Certificate,
  opts: VerifyOptions,
): Promise<RevocationLog> {
  const key = `${ski(issuer) ?? hex(issuer.rawData)}:${normSerial(leaf.serialNumber)}`;
  const cached = opts.cache.get(opts.cache.status, key, opts.now);
  if (cached === 'revoked') throw new MoicaError('revoked', 'cached');
  if (cached === 'good') return { source: 'cache', errors: [] };
  const errors: string[] = [];
  for (const url of ocspUrls(leaf)) {
    try {
      const r = await ocspStatus(leaf, issuer, url, opts);
      const cap = r.status === 'good' ? opts.ocspGoodTtlMs : opts.crlMaxTtlMs;
      opts.cache.put(opts.cache.status, key, r.status, Math.min(r.nextUpdate?.getTime() ?? Infinity, now(opts) + cap));
      if (r.status === 'revoked') throw new MoicaError('revoked', 'OCSP');
      return { source: 'ocsp', errors };
    } catch (err) {
      if (err instanceof MoicaError) throw err;
      errors.push(`ocsp ${url}: ${(err as Error).message}`);
    }
  }
  for (const url of crlUrls(leaf)) {
    try {
      const r = await crlStatus(leaf, issuer, url, opts);
      opts.cache.put(opts.cache.status, key, r.status, r.until);
      if (r.status === 'revoked') throw new MoicaError('revoked', 'CRL');
      return { source: 'crl', errors };
    } catch (err) {
      if (err instanceof MoicaError) throw err;
      errors.push(`crl ${url}: ${(err as Error).message}`);
    }
  }
  throw new MoicaError('revocation_unavailable', errors.join('; ') || 'no OCSP or CRL location');
}

// ---------------------------------------------------------------- certificate fields

/** Values of one attribute in the Subject Directory Attributes extension (2.5.29.9). */
export function directoryAttribute(cert: x509.X509Certificate, oid: string): string | null {
  const ext = cert.extensions.find((e) => e.type === OID.subjectDirectoryAttributes);
  if (!ext) return null;
  const asn = asn1js.fromBER(ext.value);
  if (asn.offset === -1 || !(asn.result instanceof asn1js.Sequence)) return null;
  for (const attr of asn.result.valueBlock.value) {
    const [type, values] = (attr as asn1js.Sequence).valueBlock.value ?? [];
    if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== oid) continue;
    const first = (values as asn1js.Set | undefined)?.valueBlock.value[0];
    return first ? asnText(first) : null;
  }
  return null;
}

function commonName(cert: x509.X509Certificate): string {
  return cert.subjectName.getField('CN')[0] ?? cert.subject;
}

// ---------------------------------------------------------------- the whole check

export async function verifyMoicaSignature(signatureB64: string, opts: VerifyOptions): Promise<VerifiedSignature> {
  const challengeBytes = new Uint8Array(Buffer.from(opts.challenge, 'utf8'));
  const cms = parseCms(signatureB64, opts.certificate);
  checkSignature(cms, challengeBytes);
  const signingTime = checkFreshness(cms, challengeBytes, opts.now, opts.signingSkewMs);
  const leaf = cms.signer;
  const ku = leaf.getExtension(x509.KeyUsagesExtension);
  if (!ku || (ku.usages & x509.KeyUsageFlags.digitalSignature) === 0) throw new MoicaError('key_usage');
  const chain = await buildChain(leaf, opts.anchors, cms.others);
  for (const c of chain) validAt(c, opts.now);
  const log = await checkRevocation(leaf, chain[1]!, opts);
  const cardAttr = cms.attrs.get(OID.cardSerial)?.[0];
  const tail = directoryAttribute(leaf, OID.idTail);
  return {
    certificate: leaf,
    fingerprint: crypto.createHash('sha256').update(Buffer.from(leaf.rawData)).digest('hex'),
    serialNumber: normSerial(leaf.serialNumber),
    issuerKeyId: aki(leaf)!,
    subjectCn: commonName(leaf),
    idTail: tail ? tail.trim().slice(-4).toUpperCase() : null,
    cardSerial: (cardAttr ? asnText(cardAttr) : null) ?? directoryAttribute(leaf, OID.cardSerial),
    notAfter: leaf.notAfter,
    signingTime,
    revocation: log.source,
  };
}

/**
 * What a signature claims before it is verified: the signer's certificate fingerprint and the
 * signed nonce (to find the stored challenge and binding). Null when it cannot even be parsed.
 */
export function peekSignature(
  signatureB64: string,
  certificateB64?: string,
): { fingerprint: string; nonce: string | null } | null {
  try {
    const cms = parseCms(signatureB64, certificateB64);
    const nonce = cms.attrs.get(OID.nonce)?.[0];
    return {
      fingerprint: crypto.createHash('sha256').update(Buffer.from(cms.signer.rawData)).digest('hex'),
      nonce: nonce ? asnText(nonce) : null,
    };
  } catch {
    return null;
  }
}
