/** SSO-5 實體自然人憑證 (MOICA smart card through the local HiPKI service). */
import { z } from 'zod';

/** Where the browser finds the local HiPKI signing service (its /popupForm). */
export const MoicaConfig = z.object({ hipkiUrl: z.string() });
export type MoicaConfig = z.infer<typeof MoicaConfig>;

/** A server-issued challenge: the card signs `challenge`; `challengeId` is the browser's secret. */
export const MoicaChallenge = z.object({
  challengeId: z.string(),
  challenge: z.string(),
  expiresAt: z.string(),
});
export type MoicaChallenge = z.infer<typeof MoicaChallenge>;

/** The card's answer: the base64 PKCS#7 SignedData from HiPKI MakeSignature. */
export const MoicaSignature = z.object({
  challengeId: z.string().min(16).max(100),
  signature: z.string().min(16).max(40_000),
  /** HiPKI's certb64: the signer's certificate, used only when the SignedData does not carry it. */
  certificate: z.string().min(16).max(20_000).optional(),
});
export type MoicaSignature = z.infer<typeof MoicaSignature>;

export const MoicaBinding = z.object({
  id: z.number().int(),
  subjectCn: z.string(),
  /** Card serial, masked (TP03********2345), when the card reported it. */
  cardSerial: z.string().nullable(),
  notAfter: z.string(),
  boundAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type MoicaBinding = z.infer<typeof MoicaBinding>;

export const MoicaBindingList = z.object({ items: z.array(MoicaBinding) });
export type MoicaBindingList = z.infer<typeof MoicaBindingList>;
