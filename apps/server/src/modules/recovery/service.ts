/**
 * SSO-9 開通帳號 and 忘記密碼. Identity is proved by a code mailed to the account's backup
 * address (not the official mailbox, which a person who cannot sign in may not reach) or by
 * 行動自然人憑證 (the account's ID number approved in the App, through modules/mobile-moica); then
 * a new password is set under the policy and written to the directory.
 * - 開通帳號: a pending (未開通) account becomes active with the password the person chose.
 * - 忘記密碼: an active account gets the new password, every session ends (and with them the
 *   systems' sessions, by back-channel logout), and a sign-in lock is lifted.
 * Asking for a code answers the same whatever the account, address and status, and the mail goes
 * out in the background; a wrong code answers the same for every reason. The verified code becomes
 * a ticket for the 設定密碼 step, used up with the password change in one transaction.
 *
 * Tickets: `<email_codes id>.<HMAC>` (backup e-mail) or `mm.<transaction handle>.<HMAC>`
 * (行動自然人憑證: the approved mobile_moica_transactions row, deleted when used). Each HMAC binds
 * the row's account, purpose and secret; each expires with its row.
 */
import crypto from 'node:crypto';
import type { RecoveryMobileMoicaStart, RecoveryMobileMoicaStatus, RecoveryPurpose } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { safeEqual, sha256 } from '../../platform/crypto.ts';
import { AppError } from '../../platform/http/errors.ts';
import { mailerFor } from '../../platform/mailer.ts';
import { audit } from '../audit/service.ts';
import { findAccountById, findAccountForLogin, updateAccountRow } from '../accounts/store.ts';
import { accountKey } from '../auth/lockout.ts';
import { clearKey } from '../auth/throttle-store.ts';
import { revokeAllSessions } from '../auth/session-service.ts';
import { CODE_TTL_MS, REQUESTS_PER_WINDOW, checkCode, maskEmail, sendCode } from '../backup-email/service.ts';
import { findBackupEmail, findCodeById, useCode } from '../backup-email/store.ts';
import { setPassword } from '../credentials/service.ts';
import { pollTransaction, startTransaction, type Started } from '../mobile-moica/service.ts';
import { consumeApproved, findTransaction, moveTransaction, type MobileMoicaRow } from '../mobile-moica/store.ts';
import type { Executor } from '../../platform/db/client.ts';
import { limitRequests } from '../auth/request-limits.ts';

/** The account status each purpose applies to. */
const STATUS_FOR: Record<RecoveryPurpose, string> = { activate: 'pending', reset: 'active' };

/** The account named, when its backup address is `email` and its status fits the purpose. */
async function matching(ctx: Ctx, input: { purpose: RecoveryPurpose; account: string; email: string }) {
  const account = await findAccountForLogin(ctx.db, input.account.trim().toLowerCase());
  if (!account || account.status !== STATUS_FOR[input.purpose]) return null;
  const backup = await findBackupEmail(ctx.db, account.id);
  if (!backup || backup.email.toLowerCase() !== input.email.trim().toLowerCase()) return null;
  return { account, email: backup.email };
}

const ticketMac = (ctx: Ctx, row: { id: number; accountId: number; purpose: string; codeHash: string }) =>
  crypto
    .createHmac('sha256', ctx.keys.codeIndex)
    .update(`recovery-ticket:${row.id}:${row.accountId}:${row.purpose}:${row.codeHash}`)
    .digest('base64url');

/** Step 1: a code to the backup address, when account, address and status match; the same answer always. */
export async function requestRecoveryCode(
  ctx: Ctx,
  input: { purpose: RecoveryPurpose; account: string; email: string },
  actor: Actor,
) {
  const name = input.account.trim().toLowerCase();
  await limitRequests(ctx, [
    [`recovery:acct:${name.slice(0, 64)}`, REQUESTS_PER_WINDOW],
    [`recovery:ip:${actor.ip ?? 'unknown'}`, REQUESTS_PER_WINDOW],
  ]);
  const found = await matching(ctx, input);
  if (found) {
    await audit(
      ctx.db,
      ctx,
      { ...actor, accountId: found.account.id, account: found.account.account },
      {
        action: 'recovery.request',
        target: { type: 'account', id: found.account.id, label: found.account.account },
        after: { purpose: input.purpose, email: maskEmail(found.email) },
      },
    );
    // In the background: neither the time taken nor a mail failure may tell that they matched.
    void sendCode(ctx, { accountId: found.account.id, purpose: input.purpose, email: found.email }).catch(
      (err: unknown) => console.error('recovery mail failed', (err as Error).message),
    );
  }
  return { ok: true as const, expiresAt: new Date(ctx.clock.now().getTime() + CODE_TTL_MS).toISOString() };
}

/** Step 2: the code → a ticket for 設定密碼. Every refusal is the same 401. */
export async function verifyRecoveryCode(
  ctx: Ctx,
  input: { purpose: RecoveryPurpose; account: string; email: string; code: string },
  actor: Actor,
) {
  const found = await matching(ctx, input);
  const row = found ? await checkCode(ctx, found.account.id, input.purpose, input.code) : null;
  if (!found || !row) {
    await audit(
      ctx.db,
      ctx,
      { ...actor, accountId: found?.account.id ?? null, account: input.account.trim().slice(0, 64) },
      {
        action: 'recovery.verify',
        result: 'failure',
        target: found
          ? { type: 'account', id: found.account.id, label: found.account.account }
          : { type: 'account_name', id: input.account.trim().slice(0, 64), label: input.account.trim().slice(0, 64) },
        after: { purpose: input.purpose },
      },
    );
    throw new AppError('MENHU_ERR_INVALID_CODE');
  }
  return { ticket: `${row.id}.${ticketMac(ctx, row)}`, expiresAt: row.expiresAt.toISOString() };
}

// ---- 行動自然人憑證 ----

const MM_PREFIX = 'mm.';
const mmTicketMac = (ctx: Ctx, row: MobileMoicaRow) =>
  crypto
    .createHmac('sha256', ctx.keys.codeIndex)
    .update(`recovery-ticket-mm:${row.handleHash}:${row.accountId}:${row.purpose}:${row.twfidoTransactionId}`)
    .digest('base64url');

/**
 * Step 1 by 行動自然人憑證: a push only when the account exists, has this ID number and its status
 * fits the purpose; otherwise the transaction just runs out (the same answer, as at sign-in).
 */
export async function startRecoveryMobileMoica(
  ctx: Ctx,
  input: RecoveryMobileMoicaStart,
  actor: Actor,
): Promise<Started> {
  const name = input.account.trim().toLowerCase();
  return startTransaction(
    ctx,
    {
      idNumber: input.idNumber,
      purpose: input.purpose,
      find: async (index) => {
        const account = await findAccountForLogin(ctx.db, name);
        if (!account || account.status !== STATUS_FOR[input.purpose] || !account.idNumberIndex) return undefined;
        return safeEqual(account.idNumberIndex, index) ? account : undefined;
      },
      auditAs: (transaction) => ({
        action: 'recovery.request',
        after: { purpose: input.purpose, via: 'mobile_moica', transaction },
      }),
    },
    actor,
  );
}

/** Step 2 by 行動自然人憑證: the page's poll; once approved, the ticket for 設定密碼. */
export async function pollRecoveryMobileMoica(
  ctx: Ctx,
  input: { handle: string; browserSecret: string | null },
  actor: Actor,
): Promise<RecoveryMobileMoicaStatus> {
  const polled = await pollTransaction(ctx, input, ['activate', 'reset'], actor);
  const { row } = polled;
  if (polled.status !== 'approved')
    return {
      status: polled.status,
      expiresAt: polled.status === 'pending' ? row.expiresAt.toISOString() : null,
      ticket: null,
    };
  let expiresAt = row.expiresAt;
  if (polled.certificate) {
    // Just approved: the row becomes the ticket, as long as an e-mailed code would live.
    expiresAt = new Date(ctx.clock.now().getTime() + CODE_TTL_MS);
    if (!(await moveTransaction(ctx.db, row.handleHash, ['pending'], { status: 'approved', expiresAt })))
      throw new AppError('MENHU_ERR_NOT_FOUND');
    const name = await findAccountById(ctx.db, row.accountId!, ctx.clock.now());
    await audit(
      ctx.db,
      ctx,
      { ...actor, accountId: row.accountId, account: name?.account ?? null },
      {
        action: 'recovery.verify',
        target: { type: 'account', id: row.accountId!, label: name?.account ?? String(row.accountId) },
        after: {
          purpose: row.purpose,
          via: 'mobile_moica',
          transaction: row.twfidoTransactionId,
          certSerial: polled.certificate.serialNumber,
        },
      },
    );
  }
  return {
    status: 'approved',
    expiresAt: expiresAt.toISOString(),
    ticket: `${MM_PREFIX}${input.handle}.${mmTicketMac(ctx, row)}`,
  };
}

// ---- 設定密碼 ----

interface Proof {
  accountId: number;
  purpose: RecoveryPurpose;
  via: 'backup_email' | 'mobile_moica';
  /** Uses the ticket up; false when another request did first. */
  use: (tx: Executor, now: Date) => Promise<boolean>;
  /** Where the notice goes (the backup address), if anywhere. */
  email: () => Promise<string | null>;
}

/** What a ticket proves, or null for anything forged, used, expired or unknown. */
async function proofOf(ctx: Ctx, ticket: string, now: Date): Promise<Proof | null> {
  if (ticket.startsWith(MM_PREFIX)) {
    const [handle = '', mac = ''] = ticket.slice(MM_PREFIX.length).split('.');
    if (!/^[A-Za-z0-9_-]{20,64}$/u.test(handle)) return null;
    const row = await findTransaction(ctx.db, sha256(handle));
    const purpose = row?.purpose;
    if (
      !row ||
      (purpose !== 'activate' && purpose !== 'reset') ||
      row.status !== 'approved' ||
      row.accountId === null ||
      row.expiresAt <= now ||
      !safeEqual(mac, mmTicketMac(ctx, row))
    )
      return null;
    const accountId = row.accountId;
    return {
      accountId,
      purpose,
      via: 'mobile_moica',
      use: (tx) => consumeApproved(tx, row.handleHash),
      email: async () => (await findBackupEmail(ctx.db, accountId))?.email ?? null,
    };
  }
  const [idText = '', mac = ''] = ticket.split('.');
  const id = /^\d{1,15}$/u.test(idText) ? Number(idText) : 0;
  const row = id ? await findCodeById(ctx.db, id) : undefined;
  const purpose = row?.purpose;
  if (
    !row ||
    (purpose !== 'activate' && purpose !== 'reset') ||
    row.usedAt ||
    row.expiresAt <= now ||
    !safeEqual(mac, ticketMac(ctx, row))
  )
    return null;
  return {
    accountId: row.accountId,
    purpose,
    via: 'backup_email',
    use: (tx, at) => useCode(tx, row.id, at),
    email: async () => row.email,
  };
}

/** Step 3: the new password; the ticket is used up in the same transaction. */
export async function completeRecovery(ctx: Ctx, input: { ticket: string; newPassword: string }, actor: Actor) {
  const now = ctx.clock.now();
  const proof = await proofOf(ctx, input.ticket, now);
  if (!proof) throw new AppError('MENHU_ERR_RECOVERY_EXPIRED');
  const { purpose } = proof;

  const result = await ctx.db.transaction(async (tx) => {
    const account = await findAccountById(tx, proof.accountId, now);
    if (!account || account.status !== STATUS_FOR[purpose]) throw new AppError('MENHU_ERR_RECOVERY_EXPIRED');
    // Of two submissions of one ticket, one wins; the other finds the code used.
    if (!(await proof.use(tx, now))) throw new AppError('MENHU_ERR_RECOVERY_EXPIRED');
    await setPassword(ctx, tx, account, input.newPassword, { mustChange: false, checkHistory: true });
    if (purpose === 'activate') await updateAccountRow(tx, account.id, { status: 'active', updatedAt: now });
    // After a reset nobody holding the old password (or a session opened with it) stays in.
    const ended = purpose === 'reset' ? await revokeAllSessions(ctx, tx, account.id) : 0;
    await clearKey(tx, accountKey(account.account));
    await audit(
      tx,
      ctx,
      { ...actor, accountId: account.id, account: account.account },
      {
        action: purpose === 'activate' ? 'account.activate' : 'password.recover',
        target: { type: 'account', id: account.id, label: account.account },
        after: { via: proof.via, sessionsEnded: ended },
      },
    );
    return { account };
  });
  const email = await proof.email();

  // Tell the person, so a reset they did not make does not go unnoticed.
  const what = purpose === 'activate' ? '帳號已開通' : '密碼已重設';
  if (email)
    void mailerFor(ctx.config)
      .send({
        to: email,
        subject: `【公務入口網】${what}`,
        text: `您的公務帳號 ${result.account.account} ${what}（${now.toISOString()}）。\n若非您本人操作，請立即通知資訊單位。\n\nYour Menhu account ${result.account.account}: ${purpose === 'activate' ? 'activated' : 'password reset'}. If this was not you, contact the IT service desk at once.`,
      })
      .catch((err: unknown) => console.error('recovery notice mail failed', (err as Error).message));
  return { ok: true as const, account: result.account.account };
}
