import { DomainEvent, Outbox } from '@domain/shared/domain-event';
import { Transactional } from './unit-of-work';

/** The outbox table: events appended in a unit of work vanish with its rollback. */
export class InMemoryOutbox implements Outbox, Transactional {
  events: DomainEvent[] = [];

  async append(...events: DomainEvent[]): Promise<void> {
    this.events.push(...events);
  }

  ofType(type: string): DomainEvent[] {
    return this.events.filter((e) => e.type === type);
  }

  saveState(): unknown {
    return [...this.events];
  }

  restoreState(state: unknown): void {
    this.events = [...(state as DomainEvent[])];
  }
}
