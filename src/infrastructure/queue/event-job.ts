import { DomainEvent } from '@domain/shared/domain-event';
import type { TraceCarrier } from '../observability/tracing';

/** A domain event as it travels in a Bull job (JSON: dates as ISO strings). */
export interface EventJobData {
  id: string;
  type: string;
  aggregateId: string;
  occurredAt: string;
  deliverAt: string | null;
  payload: Record<string, unknown>;
  /**
   * W3C trace context of the relay's publish span (itself a child of the transaction that
   * wrote the event): the processor runs the subscriber in a child span of it. Absent while
   * tracing is off and in jobs queued before it existed.
   */
  trace?: TraceCarrier;
}

export function toJobData(event: DomainEvent, trace?: TraceCarrier | null): EventJobData {
  return {
    id: event.id,
    type: event.type,
    aggregateId: event.aggregateId,
    occurredAt: event.occurredAt.toISOString(),
    deliverAt: event.deliverAt ? event.deliverAt.toISOString() : null,
    payload: event.payload,
    ...(trace ? { trace } : {}),
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
