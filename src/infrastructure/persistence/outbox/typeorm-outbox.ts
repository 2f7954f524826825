import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DomainEvent, Outbox } from '../../../domain/shared/domain-event';
import { uuidToBuffer } from '../../database/column-codecs';

/** Appends to the outbox table inside the current transaction (never a queue call there). */
@Injectable()
export class TypeormOutbox implements Outbox {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async append(...events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const values = events.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
    const params = events.flatMap((e) => [
      uuidToBuffer(e.id),
      e.type,
      uuidToBuffer(e.aggregateId),
      JSON.stringify(e.payload),
      e.occurredAt,
      e.deliverAt ?? null,
    ]);
    await this.txHost.tx.query(
      `INSERT INTO outbox (id, type, aggregate_id, payload, occurred_at, deliver_at) VALUES ${values}`,
      params,
    );
  }
}
