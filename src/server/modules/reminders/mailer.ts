/** Reminder e-mail through nodemailer: SMTP when SMTP_URL is set, otherwise .eml files in DATA_DIR/outbox. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';

type Mail = { to: string; subject: string; text: string };
export type Mailer = {
  /** 'sent' over SMTP, or 'outbox' when written to a file. */
  send(mail: Mail, id: string): Promise<'sent' | 'outbox'>;
};

const mailers = new WeakMap<Config, Mailer>();

/** One mailer per configuration (the SMTP transport keeps its connections). */
export function mailerFor(config: Config): Mailer {
  let mailer = mailers.get(config);
  if (!mailer) {
    mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : outboxMailer(config.outboxDir, config.mailFrom);
    mailers.set(config, mailer);
  }
  return mailer;
}

function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
      return 'sent';
    },
  };
}

function outboxMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail, id) {
      const info = await transport.sendMail({ from, ...mail });
      await mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
      await writeFile(path.join(dir, `${stamp}-${id.replace(/[^\w.-]/g, '_')}.eml`), info.message as Buffer);
      return 'outbox';
    },
  };
}
