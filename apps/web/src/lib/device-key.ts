/**
 * 手機掃碼登入 device keys on the phone: an ECDSA P-256 key pair made by WebCrypto with a
 * non-extractable private key, kept in IndexedDB (the CryptoKey object itself is stored, so
 * its private part never exists as bytes script can read). One entry per bound account.
 */
export interface StoredDevice {
  deviceId: string;
  account: string;
  name: string;
  privateKey: CryptoKey;
  boundAt: string;
}

const DB = 'menhu-qr';
const STORE = 'devices';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'deviceId' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB'));
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = fn(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('indexedDB'));
    });
  } finally {
    db.close();
  }
}

export const deviceKeysSupported = () =>
  typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && crypto.subtle !== undefined;

/** A new key pair; the public half as a JWK for the server. */
export async function makeDeviceKey(): Promise<{ privateKey: CryptoKey; publicJwk: JsonWebKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  return { privateKey: pair.privateKey, publicJwk: await crypto.subtle.exportKey('jwk', pair.publicKey) };
}

export const saveDevice = (d: StoredDevice) => run('readwrite', (s) => s.put(d)).then(() => undefined);
export const listStoredDevices = () => run<StoredDevice[]>('readonly', (s) => s.getAll() as IDBRequest<StoredDevice[]>);
export const forgetDevice = (deviceId: string) => run('readwrite', (s) => s.delete(deviceId)).then(() => undefined);

/** ECDSA P-256 / SHA-256 over the UTF-8 message; WebCrypto's r‖s form, base64url. */
export async function signWith(privateKey: CryptoKey, message: string): Promise<string> {
  const sig = new Uint8Array(
    await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(message)),
  );
  let bin = '';
  for (const b of sig) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
}
