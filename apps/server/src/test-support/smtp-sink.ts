/** A real SMTP server for tests (smtp-server): keeps every message it receives. */
import { SMTPServer } from 'smtp-server';
import { freePort } from './browser.ts';

export interface Received {
  to: string[];
  raw: string;
}

export async function startSmtpSink(): Promise<{ url: string; mails: Received[]; stop(): Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The 6-digit code in a message (the subject carries it, encoded or not). */
export function codeIn(mail: Received): string {
  const decoded = mail.raw.replace(/=\r?\n/gu, '');
  const m = /(?:驗證碼為：|code: )(\d{6})/u.exec(decoded) ?? /\b(\d{6})\b/u.exec(decoded);
  if (!m) throw new Error(`no code in mail: ${mail.raw.slice(0, 300)}`);
  return m[1]!;
}
