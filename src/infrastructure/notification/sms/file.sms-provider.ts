import type { SmsMessage } from '@domain/shared/sms-sender.port';
import { FileOutboxWriter } from '../file-outbox.writer';
import { SmsProvider } from './sms-provider';

/** `file`: `sms.jsonl` lines `{to, text, sentAt}` (development and tests). */
export class FileSmsProvider implements SmsProvider {
  readonly name = 'file';

  constructor(private readonly writer: FileOutboxWriter) {}

  send(message: SmsMessage): Promise<void> {
    return this.writer.append('sms.jsonl', {
      to: message.to,
      text: message.text,
      sentAt: new Date().toISOString(),
    });
  }
}
