import { EventSubscriber, EventSubscriptions } from '../../domain/shared/domain-event';

/**
 * Every subscriber of this process, by name and by the event types it wants. No Nest decorator:
 * it has no dependencies, and stays loadable by the (CommonJS) unit tests.
 */
export class EventSubscriptionRegistry implements EventSubscriptions {
  private readonly byName = new Map<string, EventSubscriber>();

  register(subscriber: EventSubscriber): void {
    const existing = this.byName.get(subscriber.name);
    if (existing && existing !== subscriber)
      throw new Error(`Two event subscribers are named ${subscriber.name}`);
    this.byName.set(subscriber.name, subscriber);
  }

  get(name: string): EventSubscriber | undefined {
    return this.byName.get(name);
  }

  /** Names of the subscribers of one event type, in a stable order. */
  subscribersOf(type: string): string[] {
    return [...this.byName.values()]
      .filter((s) => s.eventTypes.includes(type))
      .map((s) => s.name)
      .sort();
  }
}
