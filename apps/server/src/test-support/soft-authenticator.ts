/**
 * A software WebAuthn authenticator for tests: real ES256 keys (node:crypto), real
 * authenticatorData (RP ID hash, flags, counter, attested credential data), 'none' attestation
 * in CBOR, and real signatures — so the server's verifier is exercised, not mocked. Each knob
 * (origin, RP ID, UV flag, counter) can be bent to play an attack.
 */
import crypto from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64 = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64url');
const sha = (b: Uint8Array | string) => crypto.createHash('sha256').update(b).digest();

const UP = 0x01;
const UV = 0x04;
const BE = 0x08;
const BS = 0x10;
const AT = 0x40;

export interface Bend {
  /** The origin the "browser" reports (default: the authenticator's origin). */
  origin?: string;
  /** The RP ID whose hash goes into authenticatorData (default: the options' RP ID). */
  rpId?: string;
  /** Clear the user-verified flag (a key touched but not unlocked). */
  noUv?: boolean;
  /** Sign with this counter instead of the next one. */
  counter?: number;
  /** Use this challenge instead of the options' one. */
  challenge?: string;
}

export interface SoftCredential {
  id: Buffer;
  keys: crypto.KeyPairKeyObjectResult;
  userHandle: string;
  rpId: string;
  counter: number;
}

export class SoftAuthenticator {
  readonly origin: string;
  /** Synced passkeys keep no counter (always 0); device-bound ones count up. */
  readonly counting: boolean;
  readonly credentials: SoftCredential[] = [];

  constructor(opts: { origin: string; counting?: boolean }) {
    this.origin = opts.origin;
    this.counting = opts.counting ?? true;
  }

  /** navigator.credentials.create() for PublicKeyCredentialCreationOptionsJSON. */
  create(options: Record<string, unknown>, bend: Bend = {}) {
    const rp = options.rp as { id: string };
    const user = options.user as { id: string };
    const keys = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = keys.publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
      ]),
    );
    const id = crypto.randomBytes(16);
    const cred: SoftCredential = { id, keys, userHandle: user.id, rpId: rp.id, counter: 0 };
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(id.length);
    const authData = Buffer.concat([
      sha(bend.rpId ?? rp.id),
      Buffer.from([UP | (bend.noUv ? 0 : UV) | AT | (this.counting ? 0 : BE | BS)]),
      this.counterBytes(bend.counter ?? 0),
      Buffer.alloc(16), // AAGUID: none
      idLen,
      id,
      Buffer.from(cose),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    const clientDataJSON = JSON.stringify({
      type: 'webauthn.create',
      challenge: bend.challenge ?? (options.challenge as string),
      origin: bend.origin ?? this.origin,
      crossOrigin: false,
    });
    this.credentials.push(cred);
    return {
      id: b64(id),
      rawId: b64(id),
      type: 'public-key' as const,
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(Buffer.from(clientDataJSON)),
        attestationObject: b64(attestationObject),
        transports: ['internal'],
      },
    };
  }

  /** navigator.credentials.get() with a discoverable credential (the first, or `cred`). */
  get(options: Record<string, unknown>, bend: Bend = {}, cred: SoftCredential = this.credentials[0]!) {
    const rpId = options.rpId as string;
    const counter = bend.counter ?? (this.counting ? cred.counter + 1 : 0);
    if (bend.counter === undefined) cred.counter = counter;
    const authData = Buffer.concat([
      sha(bend.rpId ?? rpId),
      Buffer.from([UP | (bend.noUv ? 0 : UV) | (this.counting ? 0 : BE | BS)]),
      this.counterBytes(counter),
    ]);
    const clientDataJSON = Buffer.from(
      JSON.stringify({
        type: 'webauthn.get',
        challenge: bend.challenge ?? (options.challenge as string),
        origin: bend.origin ?? this.origin,
        crossOrigin: false,
      }),
    );
    const signature = crypto.sign('sha256', Buffer.concat([authData, sha(clientDataJSON)]), cred.keys.privateKey);
    return {
      id: b64(cred.id),
      rawId: b64(cred.id),
      type: 'public-key' as const,
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(clientDataJSON),
        authenticatorData: b64(authData),
        signature: b64(signature),
        userHandle: cred.userHandle,
      },
    };
  }

  private counterBytes(n: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  }
}
