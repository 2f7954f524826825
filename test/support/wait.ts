import type Redis from 'ioredis';
import type { Connection } from 'mysql2/promise';
import { uuidToBuffer } from './db';
import { eventually } from './outbox';

/*
 * Waits on what the server can observe, never on a fixed time: a test that sleeps "long enough"
 * is slow on a quiet machine and flaky on a busy one. Each helper polls (through `eventually`)
 * until its condition holds, and fails with a message naming it after a generous deadline.
 */

/**
 * Until `key` (the full name, prefix included) is gone from Redis: a short window held by a
 * key with a TTL (a resend window, a lease) is over as the server sees it.
 */
export function untilRedisKeyGone(redis: Redis, key: string, timeoutMs = 10_000): Promise<true> {
  return eventually(
    async () => ((await redis.exists(key)) === 0 ? true : undefined),
    timeoutMs,
    `${key} gone from Redis`,
  );
}

/**
 * Until a transaction on this run's database waits for a row lock in `table` (MariaDB's
 * INNODB_LOCK_WAITS; other runs' databases on the same server don't count): a request that
 * must meet a held lock is then provably waiting for it inside the server.
 */
export function untilRowLockWait(db: Connection, table: string, timeoutMs = 10_000): Promise<true> {
  return eventually(
    async () => {
      const [rows] = await db.query(
        `SELECT COUNT(*) AS n FROM information_schema.innodb_lock_waits w
         JOIN information_schema.innodb_locks l ON l.lock_id = w.requested_lock_id
         WHERE l.lock_table = CONCAT('\`', DATABASE(), '\`.\`', ?, '\`')`,
        [table],
      );
      return Number((rows as Array<{ n: number }>)[0].n) > 0 ? true : undefined;
    },
    timeoutMs,
    `a row lock wait on ${table}`,
  );
}

/**
 * Until every outbox event of `type` for `aggregateId` has been handled by `subscriber` (its
 * dedupe mark in processed_events commits with the subscriber's effect); returns how many such
 * events there are. Once it returns, the subscriber's effects of those events are all done and
 * no further one can come from events already written.
 */
export function untilEventsHandled(
  db: Connection,
  aggregateId: string,
  type: string,
  subscriber: string,
  timeoutMs = 15_000,
): Promise<number> {
  return eventually(
    async () => {
      const [rows] = await db.query(
        `SELECT COUNT(*) AS events, COUNT(p.event_id) AS handled FROM outbox o
         LEFT JOIN processed_events p ON p.event_id = o.id AND p.subscriber = ?
         WHERE o.aggregate_id = ? AND o.type = ?`,
        [subscriber, uuidToBuffer(aggregateId), type],
      );
      const [{ events, handled }] = rows as Array<{ events: number; handled: number }>;
      return Number(events) === Number(handled) ? Number(events) : undefined;
    },
    timeoutMs,
    `every ${type} of ${aggregateId} handled by ${subscriber}`,
  );
}
