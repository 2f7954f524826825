import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DomainEventHandler } from '@domain/shared/domain-event';
import { EVENT_SUBSCRIBER } from './event-subscriber.decorator';

/** A subscriber as the relay and the processor see it. */
export interface RegisteredSubscriber {
  readonly name: string;
  readonly eventTypes: readonly string[];
  readonly handler: DomainEventHandler;
}

/** Every subscriber of this process, by name and by the event types it wants. */
export class EventSubscriptionRegistry {
  private readonly byName = new Map<string, RegisteredSubscriber>();

  register(subscriber: RegisteredSubscriber): void {
    const existing = this.byName.get(subscriber.name);
    if (existing && existing.handler !== subscriber.handler)
      throw new Error(`Two event subscribers are named ${subscriber.name}`);
    this.byName.set(subscriber.name, subscriber);
  }

  get(name: string): RegisteredSubscriber | undefined {
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

/** Registers every provider marked `@EventSubscriber` once all providers are instantiated. */
@Injectable()
export class EventSubscriberDiscovery implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registry: EventSubscriptionRegistry,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: EVENT_SUBSCRIBER.KEY })) {
      const options = this.discovery.getMetadataByDecorator(EVENT_SUBSCRIBER, wrapper);
      if (!options) continue;
      if (!wrapper.instance)
        throw new Error(`event subscriber ${options.name} is not a singleton provider`);
      this.registry.register({
        name: options.name,
        eventTypes: options.on,
        handler: wrapper.instance as DomainEventHandler,
      });
    }
  }
}
