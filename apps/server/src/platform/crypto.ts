/**
 * The one place for secrets and ciphers (STYLE "one ID-number cipher"). Keys are derived
 * from a single master key with HKDF, one label per purpose, so a leaked derived key does not
 * expose the others.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('base64url');
}

/** Constant-time string comparison (equal length or not). */
export function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb) && a.length === b.length;
}

export interface Keys {
  /** Signs CSRF tokens bound to a session. */
  csrf: Buffer;
  /** AES-256-GCM key for national ID numbers. */
  idNumber: Buffer;
  /** HMAC key for the ID-number blind index. */
  idIndex: Buffer;
  /** AES-256-GCM key for the OIDC signing keys and client secrets at rest. */
  oidcKeys: Buffer;
  /** Signs the OIDC engine's cookies (the same on every node). */
  oidcCookies: Buffer;
  /** AES-256-GCM key for second-factor secrets (TOTP) at rest. */
  factorSecrets: Buffer;
  /** HMAC key for one-time codes (recovery codes), so a database leak cannot be brute-forced offline. */
  codeIndex: Buffer;
}

export function deriveKeys(master: Buffer): Keys {
  const derive = (label: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), label, 32));
  return {
    csrf: derive('menhu/csrf/v1'),
    idNumber: derive('menhu/id-number/v1'),
    idIndex: derive('menhu/id-index/v1'),
    oidcKeys: derive('menhu/oidc-keys/v1'),
    oidcCookies: derive('menhu/oidc-cookies/v1'),
    factorSecrets: derive('menhu/factor-secrets/v1'),
    codeIndex: derive('menhu/code-index/v1'),
  };
}

/**
 * In embedded mode the master key is generated on first start and kept beside the data
 * (mode 0600). Production deployments set MASTER_KEY from their secret store instead.
 */
export function loadOrCreateMasterKey(configured: Buffer | undefined, dataDir: string): Buffer {
  if (configured) return configured;
  const file = path.join(dataDir, 'master.key');
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return key;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

/** Authenticated encryption of small secrets at rest: AES-256-GCM, stored as `v1.<iv|tag|ciphertext>`. */
export class SecretBox {
  private readonly key: Buffer;
  constructor(key: Buffer) {
    this.key = key;
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
  }

  decrypt(stored: string): string {
    const [version, body] = stored.split('.');
    if (version !== 'v1' || !body) throw new Error('unknown ciphertext version');
    const raw = Buffer.from(body, 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** ACC-2: ID numbers encrypted at rest, indexed by HMAC, shown only as ****1234. */
export class IdNumberCipher {
  private readonly keys: Keys;
  private readonly box: SecretBox;
  constructor(keys: Keys) {
    this.keys = keys;
    this.box = new SecretBox(keys.idNumber);
  }

  encrypt(plain: string): string {
    return this.box.encrypt(plain);
  }

  decrypt(stored: string): string {
    return this.box.decrypt(stored);
  }

  index(plain: string): string {
    return crypto.createHmac('sha256', this.keys.idIndex).update(plain.toUpperCase()).digest('base64url');
  }

  static mask(last4: string | null): string | null {
    return last4 ? `****${last4}` : null;
  }
}
