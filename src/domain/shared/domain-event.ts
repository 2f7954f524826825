/** Something that happened, recorded in the outbox in the same transaction as the change. */
export interface DomainEvent {
  readonly id: string;
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
 * queue (attempts with exponential backoff, then the dead-letter queue).
 *
 * `handle` runs inside a database transaction together with the subscriber's dedupe mark
 * (subscriber name + event id): repositories called from it join that transaction, and an
 * event that was already handled by this subscriber is skipped. Throw to retry.
 */
export interface EventSubscriber {
  /** Stable, unique name (`<context>.<what-it-does>`): the dedupe key and the job name. */
  readonly name: string;
  readonly eventTypes: readonly string[];
  handle(event: DomainEvent): Promise<void>;
}

/** Where modules register their subscribers (in `onModuleInit`). */
export interface EventSubscriptions {
  register(subscriber: EventSubscriber): void;
}

export const EVENT_SUBSCRIPTIONS = Symbol('EventSubscriptions');
