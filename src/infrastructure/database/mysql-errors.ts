/** mysql2 error inspection in one place, so callers never match on driver strings. */
interface DriverError {
  code?: string;
  /** mysql2 marks errors that end the connection as fatal (the server or the network is gone). */
  fatal?: boolean;
  errno?: number;
  sqlMessage?: string;
  driverError?: DriverError;
}

function driverError(err: unknown): DriverError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as DriverError;
  return e.driverError ?? e;
}

export function isDuplicateKey(err: unknown): boolean {
  return driverError(err)?.code === 'ER_DUP_ENTRY';
}

/** The unique index a duplicate-key error is about (e.g. `uq_users_email`). */
export function duplicateKeyIndex(err: unknown): string | undefined {
  const msg = driverError(err)?.sqlMessage ?? '';
  const match = /for key '(?:[^.']*\.)?([^']+)'/.exec(msg);
  return match?.[1];
}

export function isLockWaitTimeout(err: unknown): boolean {
  return driverError(err)?.code === 'ER_LOCK_WAIT_TIMEOUT';
}

/** MariaDB Galera's "WSREP has not yet prepared node for application use" (ER_UNKNOWN_COM_ERROR). */
const WSREP_NOT_READY_ERRNO = 1047;

/**
 * Deadlocks and lock-wait timeouts: the transaction was rolled back and can run again. On
 * Galera a transaction that loses certification to another node's commit also fails as a
 * deadlock (1213), and a node still joining or resyncing answers 1047 for a moment: both are
 * retried the same way.
 */
export function isRetryableTransactionError(err: unknown): boolean {
  const e = driverError(err);
  if (e?.code === 'ER_LOCK_DEADLOCK' || e?.code === 'ER_LOCK_WAIT_TIMEOUT') return true;
  return e?.errno === WSREP_NOT_READY_ERRNO && /WSREP/i.test(e.sqlMessage ?? '');
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'POOL_CLOSED',
  'POOL_ENQUEUELIMIT',
]);

export function isConnectionError(err: unknown): boolean {
  const e = driverError(err);
  if (e?.code && CONNECTION_CODES.has(e.code)) return true;
  // A command on a connection that the server or the network already closed (mysql2: fatal,
  // "Can't add new command when connection is in closed state"): the database went away.
  if (e?.fatal === true) return true;
  const message = err instanceof Error ? err.message : '';
  return /Queue limit reached|Pool is closed|connect ETIMEDOUT|Connection lost|connection is in closed state/i.test(
    message,
  );
}
