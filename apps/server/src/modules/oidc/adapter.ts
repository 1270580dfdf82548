/**
 * SSO-1: the PostgreSQL adapter for the OIDC engine (oidc-provider's Adapter interface). One
 * instance per model name; all state lives in `oidc_payloads`, so every node of a cluster sees
 * the same codes, tokens, grants and sessions, on PGlite and PostgreSQL alike.
 *
 * Semantics the engine relies on: `find` ignores expired rows and reports consumption as
 * `consumed` (epoch seconds); `revokeByGrantId` removes every artefact of a grant (code reuse
 * and refresh-token reuse detection depend on it).
 */
import type { Clock } from '../../platform/clock.ts';
import type { SecretBox } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import {
  consumePayload,
  destroyByGrant,
  destroyPayload,
  findPayload,
  upsertPayloadFast,
  findPayloadById,
  type OidcPayloadRow,
} from './adapter-store.ts';

/** The payload shape oidc-provider stores; only the indexed fields are named here. */
export interface AdapterPayload {
  grantId?: string;
  userCode?: string;
  uid?: string;
  consumed?: number;
  [key: string]: unknown;
}

export interface OidcAdapter {
  upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<AdapterPayload | undefined>;
  findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
  findByUid(uid: string): Promise<AdapterPayload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** A registered client's secret is kept encrypted at rest; the engine sees it in clear. */
export function sealSecret(box: SecretBox, payload: AdapterPayload): AdapterPayload {
  const { client_secret: secret, ...rest } = payload;
  return typeof secret === 'string' ? { ...rest, client_secret_enc: box.encrypt(secret) } : payload;
}

function openSecret(box: SecretBox, payload: AdapterPayload): AdapterPayload {
  const { client_secret_enc: sealed, ...rest } = payload;
  return typeof sealed === 'string' ? { ...rest, client_secret: box.decrypt(sealed) } : payload;
}

function present(box: SecretBox, row: OidcPayloadRow | undefined): AdapterPayload | undefined {
  if (!row) return undefined;
  const payload = openSecret(box, row.payload as AdapterPayload);
  return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
}

/** Builds the adapter class the engine instantiates per model (`new Adapter('AccessToken')`). */
export function postgresAdapter(db: Db, clock: Clock, box: SecretBox): new (model: string) => OidcAdapter {
  return class PostgresAdapter implements OidcAdapter {
    readonly model: string;
    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const now = clock.now();
      await upsertPayloadFast(db, {
        model: this.model,
        id,
        payload: this.model === 'Client' ? sealSecret(box, payload) : payload,
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt: expiresIn ? new Date(now.getTime() + expiresIn * 1000) : null,
      });
    }

    async find(id: string) {
      const found = present(box, await findPayloadById(db, this.model, id, clock.now()));
      // A suspended application's client is unknown to the engine: no sign-in, no token, no refresh.
      if (this.model === 'Client' && found?.menhu_suspended) return undefined;
      return found;
    }

    async findByUserCode(userCode: string) {
      return present(box, await findPayload(db, this.model, { userCode }, clock.now()));
    }

    async findByUid(uid: string) {
      return present(box, await findPayload(db, this.model, { uid }, clock.now()));
    }

    async consume(id: string): Promise<void> {
      await consumePayload(db, this.model, id, clock.now());
    }

    async destroy(id: string): Promise<void> {
      await destroyPayload(db, this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await destroyByGrant(db, grantId);
    }
  };
}
