/**
 * Outgoing mail. With SMTP_URL set, through that server (nodemailer); without it — development
 * only — each message is written to the log, so a developer can read a code without a mail
 * server. Production refuses to start without SMTP_URL only when a mail-sending method is on.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

const mailers = new WeakMap<Config, Mailer>();

export function mailerFor(config: Config, log: (msg: string) => void = (m) => console.warn(m)): Mailer {
  let m = mailers.get(config);
  if (m) return m;
  if (config.mail.smtpUrl) {
    const transport = nodemailer.createTransport(config.mail.smtpUrl);
    m = {
      send: async (mail) => {
        await transport.sendMail({ from: config.mail.from, ...mail });
      },
    };
  } else {
    m = {
      send: async (mail) => log(`[mail not sent: SMTP_URL unset] to=${mail.to} subject=${mail.subject}\n${mail.text}`),
    };
  }
  mailers.set(config, m);
  return m;
}
