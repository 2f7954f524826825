import type { Cluster, Redis } from 'ioredis';
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
export function untilRedisKeyGone(
  redis: Redis | Cluster,
  key: string,
  timeoutMs = 10_000,
): Promise<true> {
  return eventually(
    async () => ((await redis.exists(key)) === 0 ? true : undefined),
    timeoutMs,
    `${key} gone from Redis`,
  );
}

/**
 * Until at least `count` transactions of this run's database wait on a row lock (InnoDB
 * `LOCK WAIT`): requests a test holds behind a lock are then provably inside their handlers.
 * Other runs' databases on the same server don't count (the waiting connection's schema must be
 * this one), and it reads only what MySQL 8 and MariaDB both have.
 */
export function untilLockWaits(
  db: Connection,
  count: number,
  what: string,
  timeoutMs = 10_000,
): Promise<true> {
  return eventually(
    async () => {
      const [rows] = await db.query(
        `SELECT COUNT(*) AS n FROM information_schema.innodb_trx t
         JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
         WHERE t.trx_state = 'LOCK WAIT' AND p.db = DATABASE()`,
      );
      return Number((rows as Array<{ n: number }>)[0].n) >= count ? true : undefined;
    },
    timeoutMs,
    what,
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
