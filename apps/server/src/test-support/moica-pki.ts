/**
 * A test PKI shaped like MOICA's: a root (GRCA-like), two issuing CAs with the SAME subject
 * `C=TW, O=行政院, OU=內政部憑證管理中心` but different keys (G2/G3-like), a rogue CA with that
 * subject too (not trusted), cards (leaf certificates with the Subject Directory Attributes ID
 * tail), and a local HTTP server answering real OCSP requests and serving CRLs. `sign` makes the
 * base64 PKCS#7 SignedData the HiPKI service would return.
 */
import crypto, { type webcrypto } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { x509 } from '../modules/moica/x509.ts';
import { OID } from '../modules/moica/verify.ts';

export const MOICA_SUBJECT = 'C=TW, O=行政院, OU=內政部憑證管理中心';
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const DAY = 86_400_000;

export interface Issued {
  cert: x509.X509Certificate;
  key: CryptoKey;
  keys: CryptoKeyPair;
}

export type CaName = 'g2' | 'g3' | 'rogue';

export interface CardOptions {
  ca?: CaName;
  name?: string;
  idTail?: string | null;
  notBefore?: Date;
  notAfter?: Date;
  keyUsage?: number;
  rsa?: boolean;
  ocsp?: boolean;
  crl?: boolean;
}

export interface SignOptions {
  challenge: string;
  /** Defaults to the challenge. */
  nonce?: string | null;
  signingTime?: Date | null;
  /** Put the challenge inside the SignedData (attached) — default — or leave it detached. */
  attached?: boolean;
  content?: string;
  cardSerial?: string;
  /** Sign with this key instead of the card's own. */
  signWith?: CryptoKey;
  /** Extra certificates to include (intermediates). */
  extraCerts?: x509.X509Certificate[];
  /** Leave the signer's certificate out of the SignedData (HiPKI then gives it as certb64). */
  omitCertificate?: boolean;
}

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const keyObject = (k: CryptoKey) => crypto.KeyObject.from(k);

async function genKeys(rsa: boolean): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(rsa ? RSA : EC, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** The Subject Directory Attributes extension holding the ID tail (2.16.886.1.100.2.51). */
export function idTailExtension(tail: string): x509.Extension {
  const value = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: OID.idTail }),
          new asn1js.Set({ value: [new asn1js.PrintableString({ value: tail })] }),
        ],
      }),
    ],
  });
  return new x509.Extension(OID.subjectDirectoryAttributes, false, value.toBER());
}

export class TestPki {
  now: () => Date;
  server: http.Server;
  baseUrl = '';
  root!: Issued;
  cas = {} as Record<CaName, Issued>;
  rogueRoot!: Issued;
  /** Serial numbers revoked, per CA, as each source reports them. */
  ocspRevoked = new Set<string>();
  crlRevoked = new Set<string>();
  ocspDown = false;
  crlDown = false;
  ocspRequests = 0;
  crlRequests = 0;
  private serial = 0x1000;

  constructor(now: () => Date) {
    this.now = now;
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  static async create(now: () => Date): Promise<TestPki> {
    const pki = new TestPki(now);
    await new Promise<void>((resolve) => pki.server.listen(0, '127.0.0.1', resolve));
    pki.baseUrl = `http://127.0.0.1:${(pki.server.address() as AddressInfo).port}`;
    const t = now().getTime();
    pki.root = await pki.selfSigned('C=TW, O=行政院, OU=政府憑證管理中心', t);
    pki.rogueRoot = await pki.selfSigned('C=TW, O=Rogue, OU=Not trusted', t);
    pki.cas.g2 = await pki.intermediate(pki.root, t);
    pki.cas.g3 = await pki.intermediate(pki.root, t);
    pki.cas.rogue = await pki.intermediate(pki.rogueRoot, t);
    return pki;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private nextSerial(): string {
    return (this.serial++).toString(16).padStart(8, '0');
  }

  private async selfSigned(subject: string, t: number): Promise<Issued> {
    const keys = await genKeys(false);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: this.nextSerial(),
      name: subject,
      notBefore: new Date(t - 365 * DAY),
      notAfter: new Date(t + 20 * 365 * DAY),
      keys,
      signingAlgorithm: EC,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return { cert, key: keys.privateKey, keys };
  }

  private async intermediate(parent: Issued, t: number): Promise<Issued> {
    const keys = await genKeys(false);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: this.nextSerial(),
      subject: MOICA_SUBJECT,
      issuer: parent.cert.subject,
      notBefore: new Date(t - 365 * DAY),
      notAfter: new Date(t + 10 * 365 * DAY),
      publicKey: keys.publicKey,
      signingKey: parent.key,
      signingAlgorithm: EC,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(parent.keys.publicKey),
      ],
    });
    return { cert, key: keys.privateKey, keys };
  }

  /** A card certificate (signing certificate of a 自然人憑證). */
  async issueCard(opts: CardOptions = {}): Promise<Issued> {
    const caName = opts.ca ?? 'g3';
    const ca = this.cas[caName];
    const keys = await genKeys(opts.rsa ?? false);
    const t = this.now().getTime();
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(
        opts.keyUsage ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ];
    if (opts.ocsp !== false)
      extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: `${this.baseUrl}/ocsp/${caName}` }));
    if (opts.crl !== false)
      extensions.push(new x509.CRLDistributionPointsExtension([`${this.baseUrl}/crl/${caName}.crl`]));
    if (opts.idTail !== null) extensions.push(idTailExtension(opts.idTail ?? '0000'));
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: this.nextSerial(),
      subject: `C=TW, CN=${opts.name ?? '王小明'}, 2.5.4.5=0000000112831644`,
      issuer: ca.cert.subject,
      notBefore: opts.notBefore ?? new Date(t - 30 * DAY),
      notAfter: opts.notAfter ?? new Date(t + 365 * DAY),
      publicKey: keys.publicKey,
      signingKey: ca.key,
      signingAlgorithm: EC,
      extensions,
    });
    return { cert, key: keys.privateKey, keys };
  }

  private caOf(cert: x509.X509Certificate): CaName {
    const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId;
    for (const n of ['g2', 'g3', 'rogue'] as const)
      if (this.cas[n].cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId === aki) return n;
    throw new Error('not issued here');
  }

  private keyOf(card: x509.X509Certificate) {
    return `${this.caOf(card)}:${card.serialNumber.toLowerCase()}`;
  }

  revoke(card: x509.X509Certificate, where: 'ocsp' | 'crl' | 'both' = 'both'): void {
    if (where !== 'crl') this.ocspRevoked.add(this.keyOf(card));
    if (where !== 'ocsp') this.crlRevoked.add(this.keyOf(card));
  }

  /** Trust anchors as PEM files in a fresh directory (default: the root and both issuing CAs). */
  writeAnchors(
    which: Issued[] = [this.root, this.cas.g2, this.cas.g3],
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moica-anchors-')),
  ): string {
    which.forEach((i, n) => fs.writeFileSync(path.join(dir, `anchor-${n}.pem`), i.cert.toString('pem')));
    return dir;
  }

  /** The base64 PKCS#7 SignedData HiPKI returns for MakeSignature. */
  async sign(card: Issued, opts: SignOptions): Promise<string> {
    const certPk = pkijs.Certificate.fromBER(card.cert.rawData);
    const content = Buffer.from(opts.content ?? opts.challenge, 'utf8');
    const attrs = [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: crypto.createHash('sha256').update(content).digest() })],
      }),
    ];
    const signingTime = opts.signingTime === undefined ? this.now() : opts.signingTime;
    if (signingTime)
      attrs.push(
        new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
      );
    const nonce = opts.nonce === undefined ? opts.challenge : opts.nonce;
    if (nonce !== null)
      attrs.push(
        new pkijs.Attribute({
          type: OID.nonce,
          values: [new asn1js.OctetString({ valueHex: Buffer.from(nonce, 'utf8') })],
        }),
      );
    if (opts.cardSerial)
      attrs.push(
        new pkijs.Attribute({ type: OID.cardSerial, values: [new asn1js.PrintableString({ value: opts.cardSerial })] }),
      );
    const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs });
    const setDer = new asn1js.Set({ value: attrs.map((a) => a.toSchema()) }).toBER();
    const signer = opts.signWith ?? card.key;
    const rsa = signer.algorithm.name === 'RSASSA-PKCS1-v1_5';
    const signature = crypto.sign('sha256', Buffer.from(setDer), keyObject(signer));
    const sha256 = new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' });
    const signerInfo = new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: certPk.issuer, serialNumber: certPk.serialNumber }),
      digestAlgorithm: sha256,
      signedAttrs,
      signatureAlgorithm: rsa
        ? new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.1', algorithmParams: new asn1js.Null() })
        : new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.10045.4.3.2' }),
      signature: new asn1js.OctetString({ valueHex: signature }),
    });
    const attached = opts.attached ?? true;
    const sd = new pkijs.SignedData({
      version: 1,
      digestAlgorithms: [sha256],
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: OID.data,
        ...(attached ? { eContent: new asn1js.OctetString({ valueHex: content }) } : {}),
      }),
      certificates: [
        ...(opts.omitCertificate ? [] : [certPk]),
        ...(opts.extraCerts ?? []).map((c) => pkijs.Certificate.fromBER(c.rawData)),
      ],
      signerInfos: [signerInfo],
    });
    const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) });
    return Buffer.from(info.toSchema().toBER()).toString('base64');
  }

  // ------------------------------------------------------------ OCSP responder and CRL server

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      const url = req.url ?? '';
      const ocsp = /^\/ocsp\/(g2|g3|rogue)$/u.exec(url);
      const crl = /^\/crl\/(g2|g3|rogue)\.crl$/u.exec(url);
      if (ocsp && req.method === 'POST') {
        this.ocspRequests++;
        if (this.ocspDown) throw new Error('down');
        const body = await this.ocspAnswer(ocsp[1] as CaName, Buffer.concat(chunks));
        res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(body);
      } else if (crl) {
        this.crlRequests++;
        if (this.crlDown) throw new Error('down');
        res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(await this.crl(crl[1] as CaName));
      } else res.writeHead(404).end();
    } catch {
      res.writeHead(503).end();
    }
  }

  private async crl(caName: CaName): Promise<Buffer> {
    const ca = this.cas[caName];
    const t = this.now().getTime();
    const entries = [...this.crlRevoked]
      .filter((k) => k.startsWith(`${caName}:`))
      .map((k) => ({ serialNumber: k.split(':')[1]!, revocationDate: new Date(t - 60_000) }));
    const crl = await x509.X509CrlGenerator.create({
      issuer: ca.cert.subject,
      thisUpdate: new Date(t - 60_000),
      nextUpdate: new Date(t + DAY),
      entries,
      signingAlgorithm: EC,
      signingKey: ca.key,
      extensions: [await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey)],
    });
    return Buffer.from(crl.rawData);
  }

  private async ocspAnswer(caName: CaName, body: Buffer): Promise<Buffer> {
    const ca = this.cas[caName];
    const caPk = pkijs.Certificate.fromBER(ca.cert.rawData);
    const request = pkijs.OCSPRequest.fromBER(body);
    const t = this.now();
    const responses = request.tbsRequest.requestList.map((r) => {
      const serial = Buffer.from(r.reqCert.serialNumber.valueBlock.valueHexView).toString('hex');
      const revoked = [...this.ocspRevoked].some(
        (k) => k.split(':')[0] === caName && BigInt(`0x${k.split(':')[1]}`) === BigInt(`0x${serial}`),
      );
      return new pkijs.SingleResponse({
        certID: r.reqCert,
        certStatus: revoked
          ? new asn1js.Constructed({
              idBlock: { tagClass: 3, tagNumber: 1 },
              value: [new asn1js.GeneralizedTime({ valueDate: new Date(t.getTime() - 60_000) })],
            })
          : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }),
        thisUpdate: new Date(t.getTime() - 60_000),
        nextUpdate: new Date(t.getTime() + 3_600_000),
      });
    });
    const data = new pkijs.ResponseData({ responderID: caPk.subject, producedAt: t, responses });
    data.tbsView = new Uint8Array(data.toSchema(true).toBER());
    const signature = crypto.sign('sha256', data.tbsView, keyObject(ca.key));
    const basic = new pkijs.BasicOCSPResponse({
      tbsResponseData: data,
      signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.10045.4.3.2' }),
      signature: new asn1js.BitString({ valueHex: signature }),
    });
    const resp = new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: OID.ocspBasic,
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
      }),
    });
    return Buffer.from(resp.toSchema().toBER());
  }
}
