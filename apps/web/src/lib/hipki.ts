/**
 * The HiPKI popup protocol (中華電信 HiPKI 跨平台網頁元件 on the civil servant's own PC). The local
 * service sends no CORS headers, so the page opens `<HIPKI_URL>/popupForm` from the click; the
 * popup posts {"func":"getTbs"} to its opener; the page answers with the signing request (PIN
 * included — it goes only to the local service, never to our server); the popup posts back
 * {"func":"sign", ret_code, last_error, signature, …} and closes. Messages from any other origin
 * are ignored.
 */
import type { MessageKey } from '../i18n/index.tsx';

export interface HipkiSignature {
  signature: string;
  certb64: string | null;
  cardSN: string | null;
}

/** A refusal, with the message key that explains it (and the raw codes for support). */
export class HipkiError extends Error {
  readonly key: MessageKey;
  readonly codes: string | null;
  constructor(key: MessageKey, codes: string | null = null) {
    super(key);
    this.name = 'HipkiError';
    this.key = key;
    this.codes = codes;
  }
}

const num = (v: unknown): number | null => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim().toLowerCase().startsWith('0x') ? v.trim() : v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
};

const hexOf = (n: number) => `0x${(n >>> 0).toString(16).toUpperCase()}`;

/** ret_code / last_error of a failed signing → what to tell the person. */
export function hipkiErrorKey(retCode: unknown, lastError: unknown): MessageKey {
  const ret = num(retCode);
  const last = num(lastError);
  if (last === 0xa0) return 'moica.err.wrongPin';
  if (last === 0xa4) return 'moica.err.locked';
  if (last === 0x80000001) return 'moica.err.oneTryLeft';
  switch (ret) {
    case 0x76000006:
      return 'moica.err.noCard';
    case 0x76100003:
      return 'moica.err.noReader';
    case 0x76000999:
      return 'moica.err.cancelled';
    case 0x76000031:
      return 'moica.err.notTrusted';
    case 0x7600000f:
      return 'moica.err.forbidden';
    default:
      return 'moica.err.other';
  }
}

export function hipkiOrigin(hipkiUrl: string): string {
  return new URL(hipkiUrl).origin;
}

/** Opens the popup — call it synchronously from the click, or browsers block it. */
export function openHipkiPopup(hipkiUrl: string): Window {
  const popup = window.open(`${hipkiOrigin(hipkiUrl)}/popupForm`, 'hipki', 'width=420,height=360');
  if (!popup) throw new HipkiError('moica.err.popupBlocked');
  return popup;
}

/**
 * Runs the protocol with an opened popup: `tbs` (the server's challenge) may still be on its way
 * when the popup asks for it. Resolves with the PKCS#7 signature, rejects with a HipkiError.
 */
export function signWithHipki(opts: {
  hipkiUrl: string;
  popup: Window;
  tbs: Promise<string>;
  pin: string;
  timeoutMs?: number;
}): Promise<HipkiSignature> {
  const origin = hipkiOrigin(opts.hipkiUrl);
  return new Promise<HipkiSignature>((resolve, reject) => {
    let asked = false;
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      window.removeEventListener('message', onMessage);
      clearInterval(watch);
      clearTimeout(timer);
      fn();
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin) return;
      let data: Record<string, unknown>;
      try {
        data = (typeof event.data === 'string' ? JSON.parse(event.data) : event.data) as Record<string, unknown>;
      } catch {
        return;
      }
      if (!data || typeof data !== 'object') return;
      if (data.func === 'getTbs') {
        asked = true;
        opts.tbs.then(
          (tbs) => {
            const request = {
              func: 'MakeSignature',
              signatureType: 'PKCS7',
              tbs,
              tbsEncoding: 'NONE',
              hashAlgorithm: 'SHA256',
              withCardSN: 'true',
              pin: opts.pin,
              nonce: tbs,
            };
            (event.source as Window | null)?.postMessage(JSON.stringify(request), origin);
          },
          (err: unknown) =>
            finish(() => {
              opts.popup.close();
              reject(err);
            }),
        );
      } else if (data.func === 'sign') {
        const ret = num(data.ret_code);
        if (ret === 0 && typeof data.signature === 'string' && data.signature)
          finish(() =>
            resolve({
              signature: data.signature as string,
              certb64: typeof data.certb64 === 'string' ? data.certb64 : null,
              cardSN: typeof data.cardSN === 'string' ? data.cardSN : null,
            }),
          );
        else {
          const codes = [
            ret === null ? null : hexOf(ret),
            num(data.last_error) === null ? null : hexOf(num(data.last_error)!),
          ]
            .filter(Boolean)
            .join(' / ');
          finish(() => reject(new HipkiError(hipkiErrorKey(data.ret_code, data.last_error), codes || null)));
        }
      }
    };
    window.addEventListener('message', onMessage);
    // Closed before it asked for anything: the service is not there (or the person closed it).
    const watch = setInterval(() => {
      if (opts.popup.closed)
        finish(() => reject(new HipkiError(asked ? 'moica.err.cancelled' : 'moica.err.noService')));
    }, 500);
    const timer = setTimeout(
      () =>
        finish(() => {
          opts.popup.close();
          reject(new HipkiError(asked ? 'moica.err.timeout' : 'moica.err.noService'));
        }),
      opts.timeoutMs ?? 120_000,
    );
  });
}
