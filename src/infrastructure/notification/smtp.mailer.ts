import { createTransport, Transporter } from 'nodemailer';
import { Mailer, MailMessage } from '@domain/shared/mailer.port';
import { inSpan, SpanKind } from '../observability/tracing';

const MAIL_SPAN = { 'atrium.mail.transport': 'smtp' };

/**
 * NOTIFY_TRANSPORT=smtp (docker-compose: Mailpit). Every phase of the SMTP conversation has a
 * timeout, so a dead mail server fails the job (the queue retries it) instead of hanging it.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    timeoutMs: number,
  ) {
    // nodemailer ignores every other option when given `url`, so the URL is taken apart here.
    const target = new URL(url);
    const secure = target.protocol === 'smtps:';
    this.transport = createTransport({
      host: target.hostname,
      port: target.port ? Number(target.port) : secure ? 465 : 587,
      secure,
      auth: target.username
        ? { user: decodeURIComponent(target.username), pass: decodeURIComponent(target.password) }
        : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
    } as Parameters<typeof createTransport>[0]);
  }

  async send(message: MailMessage): Promise<void> {
    // No recipient, subject or text on the span: only that a mail went out, and how.
    await inSpan('mail send', { kind: SpanKind.CLIENT, attributes: MAIL_SPAN }, async () => {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    });
  }

  close(): void {
    this.transport.close();
  }
}
