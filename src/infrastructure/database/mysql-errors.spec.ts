import { isConnectionError, isDuplicateKey } from './mysql-errors';

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
