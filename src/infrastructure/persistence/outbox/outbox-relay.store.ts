import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DomainEvent } from '../../../domain/shared/domain-event';
import { affectedRows } from '../../database/sql';
import { bufferToUuid, uuidToBuffer } from '../../database/column-codecs';

interface OutboxRow {
  id: Buffer;
  type: string;
  aggregate_id: Buffer;
  payload: string | Record<string, unknown>;
  occurred_at: Date;
  deliver_at: Date | null;
}

/** The relay's side of the outbox table; every method joins the current transaction. */
@Injectable()
export class OutboxRelayStore {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * The oldest unpublished rows, locked for this transaction. SKIP LOCKED (MySQL 8, MariaDB
   * 10.6+) lets several relays work side by side: each claims a disjoint batch, none waits.
   */
  async claimBatch(limit: number): Promise<DomainEvent[]> {
    const rows: OutboxRow[] = await this.txHost.tx.query(
      `SELECT id, type, aggregate_id, payload, occurred_at, deliver_at FROM outbox
       WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({
      id: bufferToUuid(r.id),
      type: r.type,
      aggregateId: bufferToUuid(r.aggregate_id),
      occurredAt: r.occurred_at,
      ...(r.deliver_at ? { deliverAt: r.deliver_at } : {}),
      payload:
        typeof r.payload === 'string'
          ? (JSON.parse(r.payload) as Record<string, unknown>)
          : r.payload,
    }));
  }

  /** A plain indexed read, so an idle relay does not open a locking transaction every poll. */
  async hasUnpublished(): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      'SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT 1',
    );
    return rows.length > 0;
  }

  async markPublished(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.txHost.tx.query(
      `UPDATE outbox SET published_at = ?, attempts = attempts + 1 WHERE id IN (${ids.map(() => '?').join(', ')})`,
      [at, ...ids.map(uuidToBuffer)],
    );
  }

  async unpublishedCount(): Promise<number> {
    const rows: Array<{ n: number | string }> = await this.txHost.tx.query(
      'SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL',
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Deletes up to `limit` rows published before `before`; returns how many. */
  async purgePublished(before: Date, limit: number): Promise<number> {
    const result = await this.txHost.tx.query(
      'DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ? ORDER BY published_at LIMIT ?',
      [before, limit],
    );
    return affectedRows(result);
  }

  async purgeProcessed(before: Date, limit: number): Promise<number> {
    const result = await this.txHost.tx.query(
      'DELETE FROM processed_events WHERE processed_at < ? LIMIT ?',
      [before, limit],
    );
    return affectedRows(result);
  }

  /**
   * Marks (subscriber, event) handled in the current transaction. False when it already was:
   * a concurrent duplicate waits on the row lock, then sees the committed mark.
   */
  async markProcessed(subscriber: string, eventId: string, at: Date): Promise<boolean> {
    const result = await this.txHost.tx.query(
      'INSERT IGNORE INTO processed_events (subscriber, event_id, processed_at) VALUES (?, ?, ?)',
      [subscriber, uuidToBuffer(eventId), at],
    );
    return affectedRows(result) === 1;
  }
}
