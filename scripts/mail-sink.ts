/**
 * A local SMTP server for the browser tests: accepts every message (no TLS, no authentication)
 * and writes each one, raw, into a folder, so a spec can read the codes Menhu mails
 * (臨時密碼, 備用電子郵件 binding) the way a person would read their inbox.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface MailSink {
  /** smtp://127.0.0.1:<port>, for the server's SMTP_URL. */
  url: string;
  stop(): Promise<void>;
}

export async function startMailSink(dir: string): Promise<MailSink> {
  let n = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        // Sortable names: the newest message is the last one; `.tmp` first so a reader never sees half a mail.
        const name = `${String(Date.now()).padStart(15, '0')}-${String(++n).padStart(5, '0')}`;
        const recipients = session.envelope.rcptTo.map((r) => r.address).join(',');
        const file = path.join(dir, `${name}.eml`);
        fs.writeFileSync(`${file}.tmp`, Buffer.concat([Buffer.from(`X-Envelope-To: ${recipients}\r\n`), ...chunks]));
        fs.renameSync(`${file}.tmp`, file);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = smtp.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
