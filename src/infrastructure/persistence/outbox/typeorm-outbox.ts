import { Injectable } from '@nestjs/common';
import { DomainEvent, Outbox } from '@domain/shared/domain-event';
import { Sql } from '@infra/database/sql';
import { captureTraceContext } from '@infra/observability/tracing';
import { OutboxEvent, outboxMapper } from './outbox.mapper';

/** Appends to the outbox table inside the current transaction (never a queue call there). */
@Injectable()
export class TypeormOutbox implements Outbox {
  constructor(private readonly sql: Sql) {}

  async append(...events: DomainEvent[]): Promise<void> {
    // The trace of the transaction goes with its events (null while tracing is off).
    const trace = captureTraceContext();
    await this.sql.insert(
      outboxMapper,
      ...(trace ? events.map((event): OutboxEvent => ({ ...event, trace })) : events),
    );
  }
}
