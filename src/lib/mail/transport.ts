// SMTP delivery through nodemailer. The sender (sender.ts) takes any MailTransport, so tests pass a fake.
import nodemailer from 'nodemailer';
import type { MailMessage } from './outbox.ts';

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content, 'base64'),
        })),
      });
    },
  };
}
