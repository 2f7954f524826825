import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidBinary } from '@infra/database/column-codecs';

/** One row per (subscriber, event) handled: at-least-once delivery, exactly-once effect. */
@Entity('processed_events')
@Index('ix_processed_events_at', ['processedAt'])
export class ProcessedEventOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  subscriber: string;

  @PrimaryColumn({ name: 'event_id', type: 'binary', length: 16, transformer: uuidBinary })
  eventId: string;

  @Column({ name: 'processed_at', type: 'datetime', precision: 3 })
  processedAt: Date;
}
