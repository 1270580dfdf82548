/**
 * 通行金鑰 (passkeys, WebAuthn): self-service (list, add, rename, remove) and sign-in with a
 * discoverable credential. The browser's JSON forms (PublicKeyCredential…JSON) pass through as
 * loosely checked objects: the server verifies them with @simplewebauthn/server.
 */
import { z } from 'zod';

export const Passkey = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** Synced by the platform (iCloud Keychain, Google Password Manager …): usable on the person's other devices. */
  backedUp: z.boolean(),
  deviceType: z.enum(['singleDevice', 'multiDevice']),
  transports: z.array(z.string()),
});
export type Passkey = z.infer<typeof Passkey>;
export const PasskeyList = z.object({ items: z.array(Passkey) });
export type PasskeyList = z.infer<typeof PasskeyList>;

export const PASSKEY_NAME_MAX = 40;
export const PasskeyName = z.string().trim().max(PASSKEY_NAME_MAX);

/** A WebAuthn JSON object from the browser, bounded in size; its fields are checked by the verifier. */
const CredentialJson = z
  .object({ id: z.string().min(1).max(1400), rawId: z.string().max(1400), type: z.literal('public-key') })
  .passthrough()
  .refine((v) => JSON.stringify(v).length <= 64_000, 'too large');

/** Step 1 of adding a passkey: the password again (re-authentication), answered with creation options. */
export const PasskeyRegistrationStart = z.object({ password: z.string().min(1).max(200) });
/** Step 2: what navigator.credentials.create() gave, and the name the person chose (empty: one is made up). */
export const PasskeyRegistrationFinish = z.object({ name: PasskeyName.optional(), response: CredentialJson });
export const PasskeyRename = z.object({ name: PasskeyName.min(1) });
export const PasskeyRemove = z.object({ password: z.string().min(1).max(200) });
export const PasskeyLogin = z.object({ response: CredentialJson });

/** PublicKeyCredentialCreationOptionsJSON / …RequestOptionsJSON, as the browser library takes them. */
export const PasskeyOptions = z.object({ challenge: z.string() }).passthrough();
export type PasskeyOptions = z.infer<typeof PasskeyOptions>;
