/**
 * Password hashing: argon2id with OWASP's minimum (19 MiB memory, 2 iterations, 1 lane).
 * The hash string carries its parameters, so raising them later re-hashes on next login.
 */
import { hash, verify } from '@node-rs/argon2';

/** algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax). */
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPasswordHash(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

let dummy: Promise<string> | undefined;
/** Same cost as a real verify, always false: used for unknown accounts. */
export async function verifyAgainstDummy(password: string): Promise<boolean> {
  dummy ??= hashPassword('menhu-dummy-password-for-timing');
  await verifyPasswordHash(await dummy, password);
  return false;
}
