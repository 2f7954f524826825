export interface SmsMessage {
  /** E.164 number. */
  to: string;
  text: string;
}

/** Sends one SMS now, through whichever configured provider can take it. */
export interface SmsSender {
  /** Resolves with the name of the provider that accepted it; throws SmsUnavailableError. */
  send(message: SmsMessage): Promise<{ provider: string }>;
}

/**
 * No provider took the message (each failed, timed out, had its circuit open or was over its
 * rate limit). Nothing was sent: the caller decides whether to defer it.
 */
export class SmsUnavailableError extends Error {
  constructor(readonly reasons: string[]) {
    super(`No SMS provider is available: ${reasons.join('; ')}`);
    this.name = 'SmsUnavailableError';
  }
}

export const SMS_SENDER = Symbol('SmsSender');
