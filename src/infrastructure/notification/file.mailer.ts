import { Mailer, MailMessage } from '@domain/shared/mailer.port';
import { FileOutboxWriter } from './file-outbox.writer';

/** NOTIFY_TRANSPORT=file: `email.jsonl` lines `{to, subject, text, sentAt}`. */
export class FileMailer implements Mailer {
  constructor(private readonly writer: FileOutboxWriter) {}

  send(message: MailMessage): Promise<void> {
    return this.writer.append('email.jsonl', { ...message, sentAt: new Date().toISOString() });
  }
}
