import { Injectable } from '@nestjs/common';
import { toSafeInteger, uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { placeholders, Sql } from '@infra/database/sql';
import { OutboxEvent, OutboxRow, outboxMapper } from './outbox.mapper';
import { processedEventMapper } from './processed-event.mapper';

/** The relay's side of the outbox table; every method joins the current transaction. */
@Injectable()
export class OutboxRelayStore {
  constructor(private readonly sql: Sql) {}

  /**
   * The oldest unpublished rows, locked for this transaction. SKIP LOCKED (MySQL 8, MariaDB
   * 10.6+) lets several relays work side by side: each claims a disjoint batch, none waits.
   * On Galera the row locks hold on one node only, so relays on two nodes can claim the same
   * rows. That is still safe: the claim ends in markPublished, which writes every claimed row,
   * so certification fails the second commit (a deadlock, retried by the unit of work, which
   * then finds the rows published), and the jobs both relays added are one (same job id) or
   * deduplicated by the subscriber's processed_events mark.
   */
  async claimBatch(limit: number): Promise<OutboxEvent[]> {
    const rows = await this.sql.rows<OutboxRow>(
      `SELECT ${selectList(outboxMapper)} FROM outbox
       WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => outboxMapper.toDomain(r));
  }

  /** A plain indexed read, so an idle relay does not open a locking transaction every poll. */
  async hasUnpublished(): Promise<boolean> {
    return (await this.sql.one('SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT 1')) !== null;
  }

  /**
   * Marks the claimed rows published; returns how many this transaction marked. Only rows still
   * unpublished are written, so a row that another relay published first (on Galera claims lock
   * on one node only, see claimBatch) is counted once and keeps its `attempts`.
   */
  async markPublished(ids: string[], at: Date): Promise<number> {
    if (ids.length === 0) return 0;
    return this.sql.execute(
      `UPDATE outbox SET published_at = ?, attempts = attempts + 1
       WHERE id IN (${placeholders(ids.length)}) AND published_at IS NULL`,
      [at, ...ids.map(uuidToBuffer)],
    );
  }

  async unpublishedCount(): Promise<number> {
    const row = await this.sql.one<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL',
    );
    return toSafeInteger(row?.n ?? 0);
  }

  /** Deletes up to `limit` rows published before `before`; returns how many. */
  purgePublished(before: Date, limit: number): Promise<number> {
    return this.sql.execute(
      'DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ? ORDER BY published_at LIMIT ?',
      [before, limit],
    );
  }

  purgeProcessed(before: Date, limit: number): Promise<number> {
    return this.sql.execute('DELETE FROM processed_events WHERE processed_at < ? LIMIT ?', [
      before,
      limit,
    ]);
  }

  /**
   * Marks (subscriber, event) handled in the current transaction. False when it already was:
   * a concurrent duplicate waits on the row lock, then sees the committed mark.
   */
  async markProcessed(subscriber: string, eventId: string, at: Date): Promise<boolean> {
    // A duplicate mark is the answer, not an error.
    const inserted = await this.sql.insertIgnoringDuplicates(processedEventMapper, {
      subscriber,
      eventId,
      processedAt: at,
    });
    return inserted === 1;
  }
}
