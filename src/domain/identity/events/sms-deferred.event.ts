import type { DomainEvent } from '@domain/shared/domain-event';
import { newId } from '@domain/shared/uuid';

export const SMS_DEFERRED = 'identity.sms-deferred';

export interface SmsDeferredPayload {
  to: string;
  /** The text, sealed (SecretSealer): it holds a one-time code, and outbox rows and queue jobs are readable by operators. */
  sealedText: string;
  /** ISO time after which the text is worthless (an expired code): then it is not sent. */
  expiresAt: string | null;
}

/** No provider could take an SMS now; a subscriber retries it through the provider chain. */
export function smsDeferred(
  to: string,
  sealedText: string,
  expiresAt: Date | null,
  now: Date,
): DomainEvent {
  const id = newId(now.getTime());
  const payload: SmsDeferredPayload = {
    to,
    sealedText,
    expiresAt: expiresAt?.toISOString() ?? null,
  };
  return { id, type: SMS_DEFERRED, aggregateId: id, occurredAt: now, payload: { ...payload } };
}
