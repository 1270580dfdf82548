/**
 * 轉登 Transfer login: the person clicks this system's tile in the portal; the portal sends the
 * browser to our entry URL with `?ticket=…`; we exchange the ticket, server to server, for who
 * the person is (POST /api/v1/transfer/redeem).
 *
 * A ticket is good once, for 60 seconds, and only for the system it was issued to, so a ticket
 * that leaks (browser history, a proxy log) is worthless by the time anyone finds it. Never
 * trust anything in the URL itself: only Menhu's answer says who the person is.
 */
import { callMenhu, explainFailure, type AppCredentials, type PortalPerson } from '../shared/app-api.ts';

export type RedeemOutcome = ({ signedIn: true } & PortalPerson) | { signedIn: false; message: string };

const TICKET_ERRORS: Record<string, string> = {
  MENHU_ERR_TICKET_INVALID: '登入連結無效。請回到公務入口網，重新點選本系統。',
  MENHU_ERR_TICKET_EXPIRED: '登入連結已逾時（60 秒）。請回到公務入口網，重新點選本系統。',
  MENHU_ERR_TICKET_USED: '登入連結已使用過，不能再用。請回到公務入口網，重新點選本系統。',
  MENHU_ERR_TICKET_WRONG_APP: '這個登入連結不是給本系統的。請回到公務入口網，重新點選本系統。',
};

export async function redeemTicket(credentials: AppCredentials, ticket: string): Promise<RedeemOutcome> {
  const answer = await callMenhu<PortalPerson>(credentials, '/api/v1/transfer/redeem', { ticket });
  if (answer.ok) return { signedIn: true, ...answer.body };
  const message = (answer.status === 400 && answer.code && TICKET_ERRORS[answer.code]) || explainFailure(answer);
  return { signedIn: false, message };
}
