/** Wires configuration, database, keys and directory into the services' context. */
import type { Config } from '../config.ts';
import { BuiltinDirectory } from '../modules/directory/builtin-directory.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Ctx } from './context.ts';
import { deriveKeys, IdNumberCipher, loadOrCreateMasterKey } from './crypto.ts';
import type { Database } from './db/client.ts';

export function createContext(config: Config, database: Database, clock: Clock = systemClock): Ctx {
  const keys = deriveKeys(loadOrCreateMasterKey(config.masterKey, config.dataDir));
  return {
    db: database.db,
    config,
    clock,
    keys,
    cipher: new IdNumberCipher(keys),
    directory: new BuiltinDirectory(database.db),
  };
}
