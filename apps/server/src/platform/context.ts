/**
 * What every service receives: the database, configuration, clock, keys and the directory.
 * Built once by main (or by a test) and passed down; nothing reaches for globals.
 */
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/client.ts';
import type { IdNumberCipher, Keys } from './crypto.ts';
import type { Directory } from '../modules/directory/directory.ts';

export interface Ctx {
  db: Db;
  config: Config;
  clock: Clock;
  keys: Keys;
  cipher: IdNumberCipher;
  directory: Directory;
}

/** Who is acting and from where, for authorisation and the audit trail. */
export interface Actor {
  accountId: number | null;
  account: string | null;
  ip: string | null;
  userAgent: string | null;
}
