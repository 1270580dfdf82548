/**
 * The mails the server sent during an e2e run, as scripts/mail-sink.ts stored them (one raw
 * message a file in E2E_MAIL_DIR, oldest first), decoded enough to read a code from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const MAIL_DIR = process.env.E2E_MAIL_DIR ?? '';

export interface Mail {
  file: string;
  headers: Record<string, string>;
  /** Every text part, decoded (HTML parts without their tags). */
  text: string;
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/u);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/u, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/gu, ' ').split(/\r?\n/u)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined, charset: string): string {
  const enc = (encoding ?? '').toLowerCase();
  let bytes: Buffer;
  if (enc === 'base64') bytes = Buffer.from(body.replace(/\s/gu, ''), 'base64');
  else if (enc === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/gu, '');
    const out: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const hex = soft.slice(i + 1, i + 3);
      if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/u.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
      } else out.push(...Buffer.from(soft[i]!, 'utf8'));
    }
    bytes = Buffer.from(out);
  } else bytes = Buffer.from(body, 'binary');
  return new TextDecoder(charset || 'utf-8').decode(bytes);
}

function textParts(raw: string): { type: string; text: string }[] {
  const { headers, body } = splitHeaders(raw);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/iu.exec(type)?.[1];
  if (/^multipart\//iu.test(type) && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((p) => !p.startsWith('--'))
      .flatMap((p) => textParts(p.replace(/^\r?\n/u, '')));
  }
  if (!/^text\//iu.test(type)) return [];
  const charset = /charset="?([^";]+)"?/iu.exec(type)?.[1] ?? 'utf-8';
  return [
    { type: type.split(';')[0]!.toLowerCase(), text: decodeBody(body, headers['content-transfer-encoding'], charset) },
  ];
}

function readMail(file: string): Mail {
  // 'binary' keeps 8bit bodies byte for byte; decodeBody turns them back into bytes.
  const raw = fs.readFileSync(file, 'binary');
  const parts = textParts(raw);
  const plain = parts.filter((p) => p.type === 'text/plain');
  const text = (plain.length ? plain : parts)
    .map((p) =>
      p.type === 'text/html'
        ? p.text
            .replace(/<style[\s\S]*?<\/style>/giu, ' ')
            .replace(/<[^>]+>/gu, ' ')
            .replace(/&nbsp;/gu, ' ')
        : p.text,
    )
    .join('\n');
  return { file, headers: splitHeaders(raw).headers, text };
}

/** The mails to `address` so far, oldest first (the sink records the envelope in X-Envelope-To). */
export function mailsTo(address: string): Mail[] {
  if (!MAIL_DIR) throw new Error('E2E_MAIL_DIR is not set: run the specs through `npm run test:e2e`');
  const want = address.toLowerCase();
  return fs
    .readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => readMail(path.join(MAIL_DIR, f)))
    .filter((m) => `${m.headers['x-envelope-to'] ?? ''},${m.headers.to ?? ''}`.toLowerCase().includes(want));
}

/** The 6-digit code in a mail (not a colour like #000000, not part of a longer number). */
export function codeIn(mail: Mail): string {
  const m = /(?<![\d#])\d{6}(?!\d)/u.exec(mail.text);
  if (!m) throw new Error(`no 6-digit code in ${mail.file}:\n${mail.text}`);
  return m[0];
}

/** Waits for a mail to `address` beyond the first `seen`, and returns its code. */
export async function nextCode(address: string, seen: number, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mails = mailsTo(address);
    if (mails.length > seen) return codeIn(mails.at(-1)!);
    if (Date.now() > until) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
    await sleep(200);
  }
}
