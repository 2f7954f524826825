import { DomainEvent } from '@domain/shared/domain-event';
import { EMAIL_VERIFICATION_REQUESTED } from '@domain/identity/events/email-verification-requested.event';
import { SMS_DEFERRED } from '@domain/identity/events/sms-deferred.event';
import { ARTICLE_READS_RECORDED } from '@domain/interaction/events/article-reads-recorded.event';

/**
 * Event types as they were named before the `<context>.<kebab-case>` scheme. Outbox rows
 * written before a rename and jobs already queued still carry these; the relay and the
 * processor read every event through `withCurrentType`, so subscribers only know current names.
 * An entry can go once no row or job of that name can be left (outbox retention, job retention).
 */
export const LEGACY_EVENT_TYPES: ReadonlyMap<string, string> = new Map([
  ['identity.EmailVerificationRequested', EMAIL_VERIFICATION_REQUESTED],
  ['identity.SmsDeferred', SMS_DEFERRED],
  ['ArticleReadsRecorded', ARTICLE_READS_RECORDED],
]);

export function withCurrentType<E extends DomainEvent>(event: E): E {
  const current = LEGACY_EVENT_TYPES.get(event.type);
  return current ? { ...event, type: current } : event;
}
