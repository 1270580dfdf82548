/** SSO-5 行動自然人憑證 (TW FidO) sign-in: the person enters an ID number, approves on the phone. */
import { z } from 'zod';
import { NationalId } from './accounts.ts';
import { SignInResponse } from './auth.ts';

export const MobileMoicaStart = z.object({ idNumber: NationalId });
export type MobileMoicaStart = z.infer<typeof MobileMoicaStart>;

/** The same answer whether or not an account has this ID number (no enumeration). */
export const MobileMoicaStarted = z.object({
  /** Unguessable handle of the server-side transaction; only the browser that started it may poll it. */
  id: z.string(),
  expiresAt: z.string(),
  /** The same as seconds from now, for a countdown that does not depend on the browser's clock. */
  timeLimitSeconds: z.number().int(),
  /** How often the page asks (ms); the server itself asks TW FidO less often. */
  pollIntervalMs: z.number().int(),
});
export type MobileMoicaStarted = z.infer<typeof MobileMoicaStarted>;

export const MobileMoicaState = z.enum(['pending', 'approved', 'rejected', 'expired', 'failed']);
export type MobileMoicaState = z.infer<typeof MobileMoicaState>;

export const MobileMoicaStatus = z.object({
  status: MobileMoicaState,
  expiresAt: z.string().nullable(),
  /** With status 'approved': the signed-in session (the cookie is set on this answer). */
  session: SignInResponse.nullable(),
});
export type MobileMoicaStatus = z.infer<typeof MobileMoicaStatus>;

export const MobileMoicaId = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/u) });
