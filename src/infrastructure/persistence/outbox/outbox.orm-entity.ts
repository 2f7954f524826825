import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/** Domain events written in the business transaction; the relay publishes them in id order. */
@Entity('outbox')
@Index('ix_outbox_unpublished', ['publishedAt', 'id'])
export class OutboxOrmEntity {
  @PrimaryColumn({ type: 'binary', length: 16, transformer: uuidBinary })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  type: string;

  @Column({ name: 'aggregate_id', type: 'binary', length: 16, transformer: uuidBinary })
  aggregateId: string;

  @Column({ type: 'json' })
  payload: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt: Date;

  @Column({ name: 'deliver_at', type: 'datetime', precision: 3, nullable: true })
  deliverAt: Date | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /**
   * W3C trace context of the transaction that wrote the row (null when tracing is off or no
   * span was active): the relay and the subscribers continue that trace (docs/observability.md).
   */
  @Column({ type: 'varchar', length: 55, nullable: true })
  traceparent: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  tracestate: string | null;
}
