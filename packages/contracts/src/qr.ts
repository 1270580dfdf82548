/** SSO-5 手機掃碼登入 (phone-as-key QR login): device binding, challenges, approval, redemption. */
import { z } from 'zod';

/** A P-256 public key as WebCrypto exports it (only the public members are kept). */
export const QrPublicJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/u),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/u),
});
export type QrPublicJwk = z.infer<typeof QrPublicJwk>;

const deviceName = z.string().trim().min(1).max(60);

export const QrDeviceBind = z.object({ name: deviceName, publicKey: QrPublicJwk });
export type QrDeviceBind = z.infer<typeof QrDeviceBind>;
export const QrDeviceRename = z.object({ name: deviceName });
export const QrDeviceUnbind = z.object({ password: z.string().min(1).max(200) });
/** Unbinding from the phone itself: the device key signs `qrUnbindMessage(deviceId)`. */
export const QrDeviceSelfUnbind = z.object({ signature: z.string().min(1).max(200) });

export const QrDevice = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type QrDevice = z.infer<typeof QrDevice>;
export const QrDeviceList = z.object({
  items: z.array(QrDevice),
  /** Whether this session may bind a phone (it was opened with two factors). */
  canBind: z.boolean(),
});
export type QrDeviceList = z.infer<typeof QrDeviceList>;

/** POST /api/auth/qr: a new challenge; its secret travels only in an HttpOnly cookie. */
export const QrChallenge = z.object({
  challengeId: z.string(),
  /** What the QR code holds: the portal's approval page with the challenge id in the fragment. */
  url: z.string(),
  expiresAt: z.string(),
});
export type QrChallenge = z.infer<typeof QrChallenge>;

export const QR_STATUSES = ['pending', 'approved', 'rejected', 'redeemed', 'expired'] as const;
export const QrStatus = z.object({ status: z.enum(QR_STATUSES), expiresAt: z.string() });
export type QrStatus = z.infer<typeof QrStatus>;

/** What the phone shows before approving: who asks, from where, until when. */
export const QrChallengeInfo = z.object({
  challengeId: z.string(),
  nonce: z.string(),
  browser: z.string(),
  os: z.string(),
  ip: z.string().nullable(),
  zone: z.enum(['intranet', 'internet']),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type QrChallengeInfo = z.infer<typeof QrChallengeInfo>;

export const QrDecision = z.enum(['approve', 'reject']);
export type QrDecision = z.infer<typeof QrDecision>;
export const QrApprove = z.object({
  deviceId: z.string().min(1).max(64),
  /** ECDSA P-256 / SHA-256 over qrApprovalMessage(…), IEEE P1363 (r‖s) as WebCrypto makes it, base64url. */
  signature: z.string().min(1).max(200),
  decision: QrDecision,
});
export type QrApprove = z.infer<typeof QrApprove>;
export const QrApproved = z.object({ decision: QrDecision, account: z.string() });
export const QrRedeem = z.object({ challengeId: z.string().min(1).max(64) });

/** The exact bytes a phone signs to decide a challenge (server and phone build it the same way). */
export const qrApprovalMessage = (challengeId: string, nonce: string, decision: QrDecision) =>
  `menhu-qr-login:v1:${challengeId}:${nonce}:${decision}`;
/** The bytes a phone signs to remove its own binding. */
export const qrUnbindMessage = (deviceId: string) => `menhu-qr-unbind:v1:${deviceId}`;
