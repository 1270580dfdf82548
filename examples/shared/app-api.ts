/**
 * 呼叫門戶介接 API Calling Menhu's integration APIs (帳號驗證 /api/v1/verify, 轉登
 * /api/v1/transfer/redeem): server to server, never from the browser, with the system's
 * APCODE (which system) and APTOKEN (the proof) in headers.
 *
 * Keep the APTOKEN like a password: in the server's secret store or environment, never in the
 * browser, in logs or in the repository. If it leaks, issue a new one in 應用系統服務介接管理
 * (the old one stops working at once).
 */

/** Who the person is, as both APIs answer: `sub` is the stable key for this system's own records. */
export interface PortalPerson {
  sub: string;
  account: string;
  claims: Record<string, string>;
}

export interface AppCredentials {
  menhuUrl: string;
  apcode: string;
  aptoken: string;
}

/** Menhu's answer: the body on 200, otherwise the status and the catalogue code of the error. */
export type ApiAnswer<T> = { ok: true; body: T } | { ok: false; status: number; code: string | null };

export async function callMenhu<T>(credentials: AppCredentials, path: string, body: unknown): Promise<ApiAnswer<T>> {
  const res = await fetch(`${credentials.menhuUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-apcode': credentials.apcode,
      'x-aptoken': credentials.aptoken,
    },
    body: JSON.stringify(body),
    // Do not let a slow network hold the person's browser forever.
    signal: AbortSignal.timeout(10_000),
  });
  if (res.ok) return { ok: true, body: (await res.json()) as T };
  // Errors have one shape: {"error": {"code": "MENHU_ERR_…", "message": "…"}} (docs/errors.md).
  const error = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { ok: false, status: res.status, code: error?.error?.code ?? null };
}

/** What to tell the person when the system itself, not their input, is the problem. */
export function explainFailure(answer: { status: number }): string {
  switch (answer.status) {
    case 401:
      return '本系統的介接憑證（APCODE / APTOKEN）有誤或已停用，請洽系統管理者。';
    case 403:
      return '本系統尚未獲准使用此項服務，請洽系統管理者。';
    case 429:
      return '公務入口網忙碌中，請稍後再試。';
    default:
      return `公務入口網暫時無法使用（HTTP ${answer.status}），請稍後再試。`;
  }
}
