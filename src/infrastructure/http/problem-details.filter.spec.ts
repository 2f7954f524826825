import { toProblem } from './problem-details.filter';

/** mysql2 errors as the driver raises them (TypeORM wraps them in a QueryFailedError with `driverError`). */
function driverError(code: string, errno: number, sqlMessage: string) {
  return Object.assign(new Error(sqlMessage), { code, errno, sqlMessage });
}

describe('toProblem: database errors', () => {
  it('a deadlock that outlived the retries is 503 OVERLOADED with Retry-After, not a 500', () => {
    const deadlock = driverError(
      'ER_LOCK_DEADLOCK',
      1213,
      'Deadlock found when trying to get lock; try restarting transaction',
    );
    expect(toProblem(deadlock)).toEqual(
      expect.objectContaining({ status: 503, code: 'OVERLOADED', retryAfter: 1 }),
    );
    const wrapped = Object.assign(new Error('query failed'), { driverError: deadlock });
    expect(toProblem(wrapped)).toEqual(
      expect.objectContaining({ status: 503, code: 'OVERLOADED' }),
    );
  });

  it('a lock-wait timeout is 503 OVERLOADED too', () => {
    const timeout = driverError('ER_LOCK_WAIT_TIMEOUT', 1205, 'Lock wait timeout exceeded');
    expect(toProblem(timeout)).toEqual(
      expect.objectContaining({ status: 503, code: 'OVERLOADED' }),
    );
  });

  it('a lost connection is 503 DEPENDENCY_UNAVAILABLE', () => {
    const lost = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toProblem(lost)).toEqual(
      expect.objectContaining({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', retryAfter: 5 }),
    );
  });

  it('any other driver error stays a 500 whose detail names nothing internal', () => {
    const syntax = driverError(
      'ER_PARSE_ERROR',
      1064,
      'You have an error in your SQL syntax near users',
    );
    const problem = toProblem(syntax);
    expect(problem).toEqual({
      status: 500,
      code: 'INTERNAL_ERROR',
      detail: 'Internal server error',
    });
  });
});
