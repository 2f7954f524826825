import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

/** A subscriber's dedupe mark: it has handled this event. */
export interface ProcessedEvent {
  subscriber: string;
  eventId: string;
  processedAt: Date;
}

export interface ProcessedEventRow {
  subscriber: string;
  event_id: Buffer;
  processed_at: Date;
}

/** `processed_events` (ProcessedEventOrmEntity). */
export const processedEventMapper: RowMapper<ProcessedEvent, ProcessedEventRow> = {
  table: 'processed_events',
  columns: ['subscriber', 'event_id', 'processed_at'],
  toDomain: (row) => ({
    subscriber: row.subscriber,
    eventId: bufferToUuid(row.event_id),
    processedAt: row.processed_at,
  }),
  toRow: (p) => ({
    subscriber: p.subscriber,
    event_id: uuidToBuffer(p.eventId),
    processed_at: p.processedAt,
  }),
};
