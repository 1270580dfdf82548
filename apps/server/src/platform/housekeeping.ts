/**
 * Periodic clean-up of expired sessions, stale throttle rows, expired OIDC artefacts, session
 * links, transfer tickets, QR sign-in challenges and finished outbox jobs. Every statement is an
 * idempotent DELETE by time, so several nodes running it at once is harmless.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from './context.ts';
import { purgeSessions } from '../modules/auth/session-store.ts';
import { purgeStaleThrottle } from '../modules/auth/throttle-store.ts';
import { purgeExpiredPayloads } from '../modules/oidc/adapter-store.ts';
import { purgeLinks } from '../modules/oidc/session-link-store.ts';
import { purgeTickets } from '../modules/integrations/store.ts';
import { purgeOutbox } from './outbox.ts';
import { purgeCodes } from '../modules/backup-email/store.ts';
import { purgePasskeyChallenges } from '../modules/passkey/store.ts';
import { purgeMobileMoica } from '../modules/mobile-moica/store.ts';
import { purgeSms } from '../modules/sms/store.ts';
import { purgeChallenges } from '../modules/qr/store.ts';
import { purgeChallenges as purgeMoicaChallenges } from '../modules/moica/store.ts';

const DAY = 86_400_000;

export async function runHousekeeping(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now().getTime();
  await purgeSessions(ctx.db, new Date(now - DAY));
  await purgeExpiredPayloads(ctx.db, new Date(now));
  // Engine sessions live no longer than a portal session; their links go a day after.
  await purgeLinks(ctx.db, new Date(now - ctx.config.session.absoluteMs - DAY));
  await purgeTickets(ctx.db, new Date(now - DAY));
  await purgeCodes(ctx.db, new Date(now - DAY));
  await purgePasskeyChallenges(ctx.db, new Date(now));
  await purgeMobileMoica(ctx.db, new Date(now - DAY));
  await purgeMoicaChallenges(ctx.db, new Date(now - DAY));
  await purgeOutbox(ctx.db, new Date(now - 7 * DAY));
  // Text-message codes a day after they expire; the messages themselves after 90 days.
  await purgeSms(ctx.db, new Date(now - DAY), new Date(now - 90 * DAY));
  await purgeChallenges(ctx.db, new Date(now - 10 * 60_000));
  await purgeStaleThrottle(
    ctx.db,
    new Date(now - Math.max(ctx.config.lockout.durationMs, ctx.config.lockout.ipWindowMs)),
  );
}

export function startHousekeeping(ctx: Ctx, log: FastifyBaseLogger, everyMs = 15 * 60_000): () => void {
  const timer = setInterval(() => {
    runHousekeeping(ctx).catch((err: unknown) => log.warn({ err }, 'housekeeping failed'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
