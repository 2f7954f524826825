import type { SmsMessage } from '@domain/shared/sms-sender.port';

/** One SMS gateway. `send` resolves once the gateway accepted the message, else throws. */
export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<void>;
}
