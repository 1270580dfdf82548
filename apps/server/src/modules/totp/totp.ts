/**
 * RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30-second steps) as Google and Microsoft Authenticator
 * implement it, with RFC 4648 base32 secrets and the otpauth:// URI they scan. Small enough to
 * own; tested against the RFC's vectors.
 */
import crypto from 'node:crypto';

export const STEP_SECONDS = 30;
export const DIGITS = 6;
/** Codes of the previous and next step are accepted too (clock drift of a phone). */
export const WINDOW = 1;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Buffer {
  const clean = s.replace(/[=\s-]/gu, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error('not base32');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new 160-bit secret (RFC 4226 recommends at least 128, SHA-1's block suits 160). */
export function newSecret(): string {
  return base32Encode(crypto.randomBytes(20));
}

export function stepAt(unixMs: number): number {
  return Math.floor(unixMs / 1000 / STEP_SECONDS);
}

/** The code for a step; `digits` and `algorithm` only for the RFC vectors. */
export function codeAt(secret: Buffer, step: number, digits = DIGITS, algorithm = 'sha1'): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac(algorithm, secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/**
 * The step a code matches within the window, provided it is later than `lastUsedStep` (a code,
 * or an older one, is never accepted twice); null otherwise. Compared in constant time.
 */
export function matchStep(secretB32: string, code: string, nowMs: number, lastUsedStep: number): number | null {
  if (!/^\d{6}$/u.test(code)) return null;
  const secret = base32Decode(secretB32);
  const now = stepAt(nowMs);
  let found: number | null = null;
  for (let step = now - WINDOW; step <= now + WINDOW; step++) {
    const ok = crypto.timingSafeEqual(Buffer.from(codeAt(secret, step)), Buffer.from(code));
    if (ok && step > lastUsedStep && found === null) found = step;
  }
  return found;
}

/** What an authenticator app scans: otpauth://totp/Issuer:account?secret=…&issuer=… */
export function otpauthUri(issuer: string, account: string, secretB32: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({
    secret: secretB32,
    issuer,
    algorithm: 'SHA1',
    digits: String(DIGITS),
    period: String(STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${q.toString()}`;
}
