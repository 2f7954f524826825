import { isConnectionError, isDuplicateKey, isRetryableTransactionError } from './mysql-errors';

/** TypeORM wraps mysql2's error as `driverError` of a QueryFailedError. */
function wrapped(
  driver: Record<string, unknown>,
  message = String(driver.message ?? 'query failed'),
) {
  return Object.assign(new Error(message), { driverError: driver });
}

describe('isConnectionError', () => {
  it.each([
    ['refused', { code: 'ECONNREFUSED' }],
    ['lost', { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }],
    [
      'closed connection reused (mysql2 fatal)',
      { message: "Can't add new command when connection is in closed state", fatal: true },
    ],
  ])('a database that went away (%s) is a connection error', (_name, driver) => {
    expect(isConnectionError(wrapped(driver))).toBe(true);
  });

  it('recognises the closed-connection message even without the fatal flag', () => {
    expect(
      isConnectionError(new Error("Can't add new command when connection is in closed state")),
    ).toBe(true);
  });

  it.each([
    ['duplicate key', { code: 'ER_DUP_ENTRY', sqlMessage: "Duplicate entry 'x' for key 'uq'" }],
    ['deadlock', { code: 'ER_LOCK_DEADLOCK' }],
    ['syntax', { code: 'ER_PARSE_ERROR' }],
  ])('a statement error (%s) is not', (_name, driver) => {
    expect(isConnectionError(wrapped(driver))).toBe(false);
  });

  it('keeps duplicate keys apart', () => {
    expect(isDuplicateKey(wrapped({ code: 'ER_DUP_ENTRY' }))).toBe(true);
  });
});

describe('isRetryableTransactionError', () => {
  it.each([
    ['deadlock', { code: 'ER_LOCK_DEADLOCK', errno: 1213 }],
    ['lock-wait timeout', { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }],
    [
      'Galera certification failure (reported as a deadlock)',
      {
        code: 'ER_LOCK_DEADLOCK',
        errno: 1213,
        sqlMessage: 'Deadlock found when trying to get lock; try restarting transaction',
      },
    ],
    [
      'Galera node not synced yet',
      {
        code: 'ER_UNKNOWN_COM_ERROR',
        errno: 1047,
        sqlMessage: 'WSREP has not yet prepared node for application use',
      },
    ],
  ])('a rolled-back transaction (%s) runs again', (_name, driver) => {
    expect(isRetryableTransactionError(wrapped(driver))).toBe(true);
  });

  it.each([
    ['duplicate key', { code: 'ER_DUP_ENTRY', errno: 1062 }],
    [
      'unknown command outside Galera',
      { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047, sqlMessage: 'Unknown command' },
    ],
    ['connection lost', { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }],
  ])('any other error (%s) does not', (_name, driver) => {
    expect(isRetryableTransactionError(wrapped(driver))).toBe(false);
  });
});
