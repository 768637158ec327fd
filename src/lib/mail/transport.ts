import nodemailer, { type Transporter } from 'nodemailer';
import type { MailMessage } from './outbox.ts';

let transporter: Transporter | undefined;

export async function deliver(message: MailMessage): Promise<void> {
  transporter ??= nodemailer.createTransport(process.env.SMTP_URL);
  await transporter.sendMail({
    from: process.env.MAIL_FROM ?? 'Skaraborgsnätet <noreply@skaraborgsnatet.se>',
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
}
