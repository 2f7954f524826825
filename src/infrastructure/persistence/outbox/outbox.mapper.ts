import { DomainEvent } from '@domain/shared/domain-event';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';
import type { TraceCarrier } from '@infra/observability/tracing';

/**
 * A domain event as the outbox stores it: with the trace context of the transaction that
 * appended it (infrastructure only; subscribers never see it).
 */
export type OutboxEvent = DomainEvent & { readonly trace?: TraceCarrier };

export interface OutboxRow {
  id: Buffer;
  type: string;
  aggregate_id: Buffer;
  /** JSON: a string when written; mysql2 returns it parsed on MySQL, as text on MariaDB. */
  payload: string | Record<string, unknown>;
  occurred_at: Date;
  deliver_at: Date | null;
  traceparent: string | null;
  tracestate: string | null;
}

/**
 * `outbox` (OutboxOrmEntity) as a domain event. `published_at` and `attempts` are the relay's
 * bookkeeping, not part of the event: their defaults apply on INSERT and the relay's UPDATEs
 * set them, so they are not among the mapper's columns.
 */
export const outboxMapper: RowMapper<OutboxEvent, OutboxRow> = {
  table: 'outbox',
  columns: [
    'id',
    'type',
    'aggregate_id',
    'payload',
    'occurred_at',
    'deliver_at',
    'traceparent',
    'tracestate',
  ],
  toDomain: (row) => ({
    id: bufferToUuid(row.id),
    type: row.type,
    aggregateId: bufferToUuid(row.aggregate_id),
    occurredAt: row.occurred_at,
    ...(row.deliver_at ? { deliverAt: row.deliver_at } : {}),
    payload:
      typeof row.payload === 'string'
        ? (JSON.parse(row.payload) as Record<string, unknown>)
        : row.payload,
    ...(row.traceparent
      ? {
          trace: row.tracestate
            ? { traceparent: row.traceparent, tracestate: row.tracestate }
            : { traceparent: row.traceparent },
        }
      : {}),
  }),
  toRow: (e) => ({
    id: uuidToBuffer(e.id),
    type: e.type,
    aggregate_id: uuidToBuffer(e.aggregateId),
    payload: JSON.stringify(e.payload),
    occurred_at: e.occurredAt,
    deliver_at: e.deliverAt ?? null,
    traceparent: e.trace?.traceparent ?? null,
    tracestate: e.trace?.tracestate ?? null,
  }),
};
