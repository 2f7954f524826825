import { Injectable } from '@nestjs/common';
import { DomainEvent, Outbox } from '@domain/shared/domain-event';
import { Sql } from '@infra/database/sql';
import { outboxMapper } from './outbox.mapper';

/** Appends to the outbox table inside the current transaction (never a queue call there). */
@Injectable()
export class TypeormOutbox implements Outbox {
  constructor(private readonly sql: Sql) {}

  async append(...events: DomainEvent[]): Promise<void> {
    await this.sql.insert(outboxMapper, ...events);
  }
}
