/** Something that happened, recorded in the outbox in the same transaction as the change. */
export interface DomainEvent {
  readonly id: string;
  /**
   * `<context>.<what-happened>`, kebab-case, past tense where English allows
   * (`bank.money-transferred`, `identity.sms-deferred`); declared as a constant beside the
   * event's factory in src/domain/<context>/events/. Stored rows and queued jobs keep the name
   * they were written with: a rename needs an entry in
   * src/infrastructure/queue/legacy-event-types.ts.
   */
  readonly type: string;
  readonly aggregateId: string;
  readonly occurredAt: Date;
  readonly payload: Record<string, unknown>;
  /**
   * Deliver no earlier than this (a deadline, e.g. an order's payment timeout). The relay
   * publishes the row at once as a delayed job; absent means "as soon as possible".
   */
  readonly deliverAt?: Date;
}

export interface Outbox {
  append(...events: DomainEvent[]): Promise<void>;
}

export const OUTBOX = Symbol('Outbox');

/**
 * Reacts to committed domain events, delivered at least once through the outbox relay and a
 * queue (attempts with exponential backoff, then the dead-letter queue). A subscriber declares
 * its name and the event types it wants with `@EventSubscriber({ name, on })`
 * (src/infrastructure/queue/event-subscriber.decorator.ts) and implements only `handle`.
 *
 * `handle` runs inside a database transaction together with the subscriber's dedupe mark
 * (subscriber name + event id): repositories called from it join that transaction, and an
 * event that was already handled by this subscriber is skipped. Throw to retry.
 */
export interface DomainEventHandler {
  handle(event: DomainEvent): Promise<void>;
}
