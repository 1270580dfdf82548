/**
 * 帳號驗證 Account verification: POST /api/v1/verify with the account and password the person
 * typed into this system's own form. Menhu answers whether they are right, and if so who the
 * person is and the data this system was approved for.
 *
 * Menhu applies the portal's own rules: a wrong password counts towards the account's lockout,
 * a disabled account is refused. It never says whether an account exists (an unknown account
 * and a wrong password get the same answer), so neither should this system.
 */
import { callMenhu, explainFailure, type AppCredentials, type PortalPerson } from '../shared/app-api.ts';

type VerifyAnswer = ({ valid: true } & PortalPerson) | { valid: false; reason: string };

export type VerifyOutcome = ({ signedIn: true } & PortalPerson) | { signedIn: false; message: string };

/** The reasons of docs/integration/verify.md; a reason added later reads as a plain refusal. */
const REASONS: Record<string, string> = {
  invalid_credentials: '帳號或密碼錯誤。',
  locked: '登入失敗次數過多，帳號已暫時鎖定，請稍後再試。',
  disabled: '帳號已停用，請洽所屬機關管理者。',
  not_activated: '帳號尚未啟用，請先至公務入口網完成啟用。',
  // Right password, but expired or reset by an administrator: only the portal may change it.
  password_change_required: '密碼已到期或已被重設，請先登入公務入口網變更密碼。',
};

export async function verifyCredentials(
  credentials: AppCredentials,
  account: string,
  password: string,
): Promise<VerifyOutcome> {
  // The password goes to Menhu once, over TLS in production, and is never stored or logged here.
  const answer = await callMenhu<VerifyAnswer>(credentials, '/api/v1/verify', { account, password });
  if (!answer.ok) return { signedIn: false, message: explainFailure(answer) };
  const body = answer.body;
  if (!body.valid) return { signedIn: false, message: REASONS[body.reason] ?? REASONS.invalid_credentials! };
  // `sub` is the stable identifier to link to this system's own user records; the account name
  // and the claims can change (a person marries, moves to another agency).
  return { signedIn: true, sub: body.sub, account: body.account, claims: body.claims };
}
