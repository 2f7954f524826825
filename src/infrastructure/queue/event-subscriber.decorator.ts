import { DiscoveryService } from '@nestjs/core';
import { DomainEventHandler } from '@domain/shared/domain-event';

export interface EventSubscriberOptions {
  /**
   * Stable, unique name (`<context>.<what-it-does>`): the dedupe key in processed_events and
   * the job name (job ids are `<name>:<eventId>`), so it never changes once deployed.
   */
  readonly name: string;
  /** The event types (constants from src/domain/<context>/events/) this subscriber handles. */
  readonly on: readonly string[];
}

/** Read by EventSubscriberDiscovery (event-subscriptions.ts). */
export const EVENT_SUBSCRIBER = DiscoveryService.createDecorator<EventSubscriberOptions>();

/**
 * Marks a provider as an outbox event subscriber: listed in its module's providers, it is found
 * at start-up and registered, nothing else to wire. The class implements only `handle`.
 */
export function EventSubscriber(options: EventSubscriberOptions) {
  const decorate = EVENT_SUBSCRIBER(options);
  return (target: abstract new (...args: never[]) => DomainEventHandler): void => {
    decorate(target);
  };
}
