import { and, eq, isNotNull, lt, or, isNull, gt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/client.ts';
import { oidcPayloads } from '../../platform/db/schema.ts';

export type OidcPayloadRow = typeof oidcPayloads.$inferSelect;
export type NewOidcPayloadRow = typeof oidcPayloads.$inferInsert;

export async function upsertPayload(exec: Executor, row: NewOidcPayloadRow): Promise<void> {
  await exec
    .insert(oidcPayloads)
    .values(row)
    .onConflictDoUpdate({
      target: [oidcPayloads.model, oidcPayloads.id],
      set: {
        payload: row.payload,
        grantId: row.grantId ?? null,
        userCode: row.userCode ?? null,
        uid: row.uid ?? null,
        expiresAt: row.expiresAt ?? null,
        consumedAt: null,
      },
    });
}

const ph = sql.placeholder;

function prepare(db: Db) {
  return {
    find: db
      .select()
      .from(oidcPayloads)
      .where(
        and(
          eq(oidcPayloads.model, ph('model')),
          eq(oidcPayloads.id, ph('id')),
          or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, ph('now'))),
        ),
      )
      .limit(1)
      .prepare('menhu_oidc_find'),
    upsert: db
      .insert(oidcPayloads)
      .values({
        model: ph('model'),
        id: ph('id'),
        payload: ph('payload'),
        grantId: ph('grantId'),
        userCode: ph('userCode'),
        uid: ph('uid'),
        // Cast, not the column's encoder: the encoder cannot take null.
        expiresAt: sql`cast(${ph('expiresAt')} as timestamptz)`,
      })
      .onConflictDoUpdate({
        target: [oidcPayloads.model, oidcPayloads.id],
        set: {
          payload: sql`excluded.payload`,
          grantId: sql`excluded.grant_id`,
          userCode: sql`excluded.user_code`,
          uid: sql`excluded.uid`,
          expiresAt: sql`excluded.expires_at`,
          consumedAt: null,
        },
      })
      .prepare('menhu_oidc_upsert'),
  };
}
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();
const statements = (db: Db) => {
  let p = prepared.get(db);
  if (!p) prepared.set(db, (p = prepare(db)));
  return p;
};

/**
 * The engine's two hottest statements (every request of a sign-in reads and writes its
 * interaction, session, client …), prepared: built once, planned once per connection.
 */
export async function upsertPayloadFast(db: Db, row: NewOidcPayloadRow): Promise<void> {
  await statements(db).upsert.execute({
    model: row.model,
    id: row.id,
    payload: row.payload,
    grantId: row.grantId ?? null,
    userCode: row.userCode ?? null,
    uid: row.uid ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  });
}

export async function findPayloadById(db: Db, model: string, id: string, now: Date) {
  return (await statements(db).find.execute({ model, id, now }))[0] as OidcPayloadRow | undefined;
}

const live = (now: Date) => or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, now));

export async function findPayload(
  exec: Executor,
  model: string,
  by: { id: string } | { uid: string } | { userCode: string },
  now: Date,
): Promise<OidcPayloadRow | undefined> {
  const key =
    'id' in by
      ? eq(oidcPayloads.id, by.id)
      : 'uid' in by
        ? eq(oidcPayloads.uid, by.uid)
        : eq(oidcPayloads.userCode, by.userCode);
  const rows = await exec
    .select()
    .from(oidcPayloads)
    .where(and(eq(oidcPayloads.model, model), key, live(now)))
    .limit(1);
  return rows[0];
}

export async function consumePayload(exec: Executor, model: string, id: string, at: Date): Promise<void> {
  await exec
    .update(oidcPayloads)
    .set({ consumedAt: sql`coalesce(${oidcPayloads.consumedAt}, ${at})` })
    .where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id)));
}

export async function destroyPayload(exec: Executor, model: string, id: string): Promise<void> {
  await exec.delete(oidcPayloads).where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id)));
}

/** Every artefact of a grant, whatever its model (codes, access and refresh tokens …). */
export async function destroyByGrant(exec: Executor, grantId: string): Promise<number> {
  const rows = await exec
    .delete(oidcPayloads)
    .where(eq(oidcPayloads.grantId, grantId))
    .returning({ id: oidcPayloads.id });
  return rows.length;
}

export async function purgeExpiredPayloads(exec: Executor, now: Date): Promise<number> {
  const rows = await exec
    .delete(oidcPayloads)
    .where(and(isNotNull(oidcPayloads.expiresAt), lt(oidcPayloads.expiresAt, now)))
    .returning({ id: oidcPayloads.id });
  return rows.length;
}
