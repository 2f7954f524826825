import { DomainEvent } from '@domain/shared/domain-event';
import { eventJobId, fromJobData, toJobData } from './event-job';
import { EventSubscriptionRegistry, RegisteredSubscriber } from './event-subscriptions';

const subscriber = (name: string, ...eventTypes: string[]): RegisteredSubscriber => ({
  name,
  eventTypes,
  handler: { handle: async () => undefined },
});

describe('EventSubscriptionRegistry', () => {
  it('fans an event type out to every subscriber of it, in a stable order', () => {
    const registry = new EventSubscriptionRegistry();
    registry.register(subscriber('stay.order-timeout', 'stay.order-payment-due'));
    registry.register(subscriber('identity.send-verification', 'identity.user-registered'));
    registry.register(
      subscriber('audit.everything', 'identity.user-registered', 'stay.order-payment-due'),
    );
    expect(registry.subscribersOf('identity.user-registered')).toEqual([
      'audit.everything',
      'identity.send-verification',
    ]);
    expect(registry.subscribersOf('bank.money-transferred')).toEqual([]);
    expect(registry.get('stay.order-timeout')?.eventTypes).toEqual(['stay.order-payment-due']);
  });

  it('refuses two different subscribers with one name (their dedupe marks would collide)', () => {
    const registry = new EventSubscriptionRegistry();
    const first = subscriber('x.y', 'a');
    registry.register(first);
    registry.register(first);
    expect(() => registry.register(subscriber('x.y', 'b'))).toThrow(/x\.y/);
  });
});

describe('event jobs', () => {
  it('carry an event through JSON unchanged, deadline included', () => {
    const event: DomainEvent = {
      id: '01900000-0000-7000-8000-000000000001',
      type: 'stay.order-payment-due',
      aggregateId: '01900000-0000-7000-8000-000000000002',
      occurredAt: new Date('2026-11-23T10:00:00.000Z'),
      deliverAt: new Date('2026-11-23T10:15:00.000Z'),
      payload: { orderId: 'o', amount: 1250 },
    };
    expect(fromJobData(JSON.parse(JSON.stringify(toJobData(event))))).toEqual(event);
    const immediate = { ...event, deliverAt: undefined };
    expect(fromJobData(JSON.parse(JSON.stringify(toJobData(immediate))))).not.toHaveProperty(
      'deliverAt',
    );
  });

  it('carry the trace context of the publish span beside the event, never in it', () => {
    const event: DomainEvent = {
      id: '01900000-0000-7000-8000-000000000001',
      type: 'identity.email-verification-requested',
      aggregateId: '01900000-0000-7000-8000-000000000002',
      occurredAt: new Date('2026-11-23T10:00:00.000Z'),
      payload: { userId: 'u' },
    };
    const trace = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const data = JSON.parse(JSON.stringify(toJobData(event, trace)));
    expect(data.trace).toEqual(trace);
    expect(fromJobData(data)).toEqual(event);
    expect(toJobData(event, null)).not.toHaveProperty('trace');
  });

  it('have one id per (subscriber, event), so a re-published row adds no second job', () => {
    expect(eventJobId('a.b', 'e1')).toBe(eventJobId('a.b', 'e1'));
    expect(eventJobId('a.b', 'e1')).not.toBe(eventJobId('a.c', 'e1'));
  });
});
