import type { DomainEvent } from '@domain/shared/domain-event';
import { newId } from '@domain/shared/uuid';

export const EMAIL_VERIFICATION_REQUESTED = 'identity.email-verification-requested';

export interface EmailVerificationRequestedPayload {
  userId: string;
  email: string;
}

/**
 * Carries no token: the subscriber creates the token, stores its hash and mails it, so the
 * secret only ever exists in the mail (never in the outbox table or the queue).
 */
export function emailVerificationRequested(userId: string, email: string, now: Date): DomainEvent {
  const payload: EmailVerificationRequestedPayload = { userId, email };
  return {
    id: newId(now.getTime()),
    type: EMAIL_VERIFICATION_REQUESTED,
    aggregateId: userId,
    occurredAt: now,
    payload: { ...payload },
  };
}
