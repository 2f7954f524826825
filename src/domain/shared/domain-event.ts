/** Something that happened, recorded in the outbox in the same transaction as the change. */
export interface DomainEvent {
  readonly id: string;
  readonly type: string;
  readonly aggregateId: string;
  readonly occurredAt: Date;
  readonly payload: Record<string, unknown>;
}

export interface Outbox {
  append(...events: DomainEvent[]): Promise<void>;
}

export const OUTBOX = Symbol('Outbox');
