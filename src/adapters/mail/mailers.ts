import nodemailer from 'nodemailer';
import type { Mailer } from '../../app/ports.ts';
import { AttestlyError } from '../../domain/errors.ts';

/** SMTP through nodemailer, from a URL such as smtp://user:pass@mail.example.com:587 (smtps:// for TLS). */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    delivers: true,
    async send(mail) {
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      } catch (error) {
        throw new AttestlyError(
          'INTERNAL',
          `the mail to ${mail.to} could not be sent: ${(error as Error).message}`,
        );
      }
    },
  };
}

/** Development: no SMTP configured, so the message (with its link) is written to the log instead. */
export function createLogMailer(log: (line: string) => void): Mailer {
  return {
    delivers: false,
    async send(mail) {
      log(`mail to ${mail.to}: ${mail.subject}\n${mail.text}`);
    },
  };
}
