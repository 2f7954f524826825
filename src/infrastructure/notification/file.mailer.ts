import { Mailer, MailMessage } from '@domain/shared/mailer.port';
import { inSpan } from '../observability/tracing';
import { FileOutboxWriter } from './file-outbox.writer';

/** NOTIFY_TRANSPORT=file: `email.jsonl` lines `{to, subject, text, sentAt}`. */
export class FileMailer implements Mailer {
  constructor(private readonly writer: FileOutboxWriter) {}

  send(message: MailMessage): Promise<void> {
    return inSpan('mail send', { attributes: { 'atrium.mail.transport': 'file' } }, () =>
      this.writer.append('email.jsonl', { ...message, sentAt: new Date().toISOString() }),
    );
  }
}
