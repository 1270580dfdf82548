/**
 * 手機掃碼登入 helpers shared by the QR tests and bench/qr.ts: a software device key made the way
 * the phone's browser makes it, and the desktop browser the phone is shown.
 */
import crypto from 'node:crypto';

const subtle = crypto.webcrypto.subtle;

/** A Chrome on Windows, as the phone sees the asking desktop. */
export const DESKTOP_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

export interface DeviceKey {
  publicJwk: crypto.webcrypto.JsonWebKey;
  sign: (message: string) => Promise<string>;
}

/** A device key as the phone's browser makes it: ECDSA P-256, the private key not extractable. */
export async function makeDeviceKey(): Promise<DeviceKey> {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const publicJwk = await subtle.exportKey('jwk', pair.publicKey);
  return {
    publicJwk,
    sign: async (message) =>
      Buffer.from(
        await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new TextEncoder().encode(message)),
      ).toString('base64url'),
  };
}
