import { DomainEvent } from '@domain/shared/domain-event';

/** A domain event as it travels in a Bull job (JSON: dates as ISO strings). */
export interface EventJobData {
  id: string;
  type: string;
  aggregateId: string;
  occurredAt: string;
  deliverAt: string | null;
  payload: Record<string, unknown>;
}

export function toJobData(event: DomainEvent): EventJobData {
  return {
    id: event.id,
    type: event.type,
    aggregateId: event.aggregateId,
    occurredAt: event.occurredAt.toISOString(),
    deliverAt: event.deliverAt ? event.deliverAt.toISOString() : null,
    payload: event.payload,
  };
}

export function fromJobData(data: EventJobData): DomainEvent {
  return {
    id: data.id,
    type: data.type,
    aggregateId: data.aggregateId,
    occurredAt: new Date(data.occurredAt),
    ...(data.deliverAt ? { deliverAt: new Date(data.deliverAt) } : {}),
    payload: data.payload,
  };
}

/** Bull job ids are unique per queue while the job is kept: a re-published row is a no-op. */
export function eventJobId(subscriber: string, eventId: string): string {
  return `${subscriber}:${eventId}`;
}
