/**
 * Text-message providers behind one interface, chosen by SMS_PROVIDER:
 * - `mitake`: 三竹 Mitake B2C HTTP (`POST {MITAKE_URL}/b2c/mtk/SmSend?CharsetURL=UTF-8`, a form
 *   with username/password/dstaddr/smbody/clientid/vldtime; an INI-style reply). The same
 *   clientid on a retry makes the resend idempotent (reply `Duplicate=Y` = already accepted).
 * - `log`: development only; accepts every message. The message stays readable in
 *   `sms_messages`, where system administrators read it (簡訊發送紀錄).
 * A failure says whether trying again may help (`retryable`) or not (bad credentials, no credit,
 * a wrong number …). The password is sent to Mitake and never written anywhere else.
 */
import type { Config } from '../../config.ts';

export interface SmsSend {
  /** 09xxxxxxxx */
  to: string;
  body: string;
  /** Unique per message and the same on every retry of it. */
  clientId: string;
  /** Seconds the carrier keeps trying to deliver. */
  validSeconds?: number;
}

export type SmsResult =
  | { ok: true; providerMessageId: string | null; status: string; duplicate: boolean }
  | { ok: false; retryable: boolean; code: string; message: string };

export interface SmsProvider {
  readonly name: 'log' | 'mitake';
  send(message: SmsSend): Promise<SmsResult>;
}

export class LogSmsProvider implements SmsProvider {
  readonly name = 'log' as const;
  async send(message: SmsSend): Promise<SmsResult> {
    return { ok: true, providerMessageId: `log-${message.clientId}`, status: 'logged', duplicate: false };
  }
}

/** Mitake statuscode → meaning. 0/1/2/4 accepted; 5–9 failed for good; letters are errors. */
const ACCEPTED = new Set(['0', '1', '2', '4']);
/** Letter errors worth retrying: service paused (a, b), system error (r), busy (l). */
const RETRYABLE_LETTERS = new Set(['a', 'b', 'r', 'l']);
const MEANING: Record<string, string> = {
  '5': 'content error',
  '6': 'number error',
  '7': 'messaging disabled for the number',
  '8': 'delivery timed out',
  '9': 'reservation cancelled',
  e: 'bad credentials',
  k: 'client IP not registered',
  s: 'no credit left',
  a: 'service temporarily paused',
  b: 'service temporarily paused',
  r: 'provider system error',
  l: 'provider busy',
};

/** The reply's first message section as key → value (`[1]\nmsgid=…\nstatuscode=…`). */
export function parseMitakeReply(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let sections = 0;
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim();
    if (!line) continue;
    if (/^\[.*\]$/u.test(line)) {
      if (++sections > 1) break;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** What a parsed reply means for the sender. */
export function classifyMitake(reply: Record<string, string>): SmsResult {
  const status = reply.statuscode ?? '';
  const duplicate = reply.Duplicate === 'Y';
  if (ACCEPTED.has(status) || (duplicate && !/^[5-9a-z]$/iu.test(status)))
    return { ok: true, providerMessageId: reply.msgid ?? null, status: status || 'duplicate', duplicate };
  if (!status) return { ok: false, retryable: true, code: 'no_status', message: 'reply without statuscode' };
  const code = `mitake_${status}`;
  const meaning = MEANING[status] ?? 'unknown status';
  // Letters other than the known transient ones (account expired, disabled, no permission …)
  // need a person to act: retrying only costs attempts.
  const retryable = RETRYABLE_LETTERS.has(status);
  return { ok: false, retryable, code, message: `Mitake statuscode ${status}: ${meaning}` };
}

export class MitakeSmsProvider implements SmsProvider {
  readonly name = 'mitake' as const;
  readonly #url: string;
  readonly #username: string;
  readonly #password: string;
  readonly #timeoutMs: number;

  constructor(options: { url: string; username: string; password: string; timeoutMs: number }) {
    this.#url = `${options.url.replace(/\/+$/u, '')}/b2c/mtk/SmSend?CharsetURL=UTF-8`;
    this.#username = options.username;
    this.#password = options.password;
    this.#timeoutMs = options.timeoutMs;
  }

  async send(message: SmsSend): Promise<SmsResult> {
    const form = new URLSearchParams({
      username: this.#username,
      password: this.#password,
      dstaddr: message.to,
      smbody: message.body,
      clientid: message.clientId,
      vldtime: String(message.validSeconds ?? 300),
    });
    let res: Response;
    try {
      res = await fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      // Never the request itself in a message: it carries the password.
      const timeout = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
      return {
        ok: false,
        retryable: true,
        code: timeout ? 'timeout' : 'network',
        message: timeout ? `no answer within ${this.#timeoutMs} ms` : 'connection failed',
      };
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
      return { ok: false, retryable, code: `http_${res.status}`, message: `HTTP ${res.status}` };
    }
    return classifyMitake(parseMitakeReply(text));
  }
}

const providers = new WeakMap<Config, SmsProvider>();

/** The configured provider (one per configuration). */
export function smsProviderFor(config: Config): SmsProvider {
  let p = providers.get(config);
  if (p) return p;
  p = config.sms.mitake
    ? new MitakeSmsProvider({ ...config.sms.mitake, timeoutMs: config.sms.timeoutMs })
    : new LogSmsProvider();
  providers.set(config, p);
  return p;
}
