import { RateLimitedError } from '../shared/domain-error';
import {
  CHECK_IN_FIRST_LOCK_SECONDS,
  CHECK_IN_MAX_LOCK_SECONDS,
  CHECK_IN_MAX_WRONG_CODES,
  CheckInCredential,
} from './check-in-credential';
import { CheckInAttemptsExceededError } from './stay.errors';

const t0 = new Date('2030-06-01T08:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const S = 1000;

/** The error assertOpen throws at `now`, or null when it is open. */
function refusal(c: CheckInCredential, now: Date): CheckInAttemptsExceededError | null {
  try {
    c.assertOpen(now);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(CheckInAttemptsExceededError);
    return e as CheckInAttemptsExceededError;
  }
}

/** Five wrong codes at `now`: returns the attempts left after each. */
function fiveWrong(c: CheckInCredential, now: Date): number[] {
  return Array.from({ length: CHECK_IN_MAX_WRONG_CODES }, () => c.recordWrongCode(now));
}

describe('CheckInCredential', () => {
  it('the constants of the lock: 5 wrong codes, 900 s first, at most a day', () => {
    expect([
      CHECK_IN_MAX_WRONG_CODES,
      CHECK_IN_FIRST_LOCK_SECONDS,
      CHECK_IN_MAX_LOCK_SECONDS,
    ]).toEqual([5, 900, 86_400]);
  });

  it('is issued open, with no wrong codes and no lock', () => {
    const c = CheckInCredential.issue('o1', 'h1:abc');
    expect(c.snapshot()).toEqual({
      orderId: 'o1',
      codeHash: 'h1:abc',
      wrongCodes: 0,
      lockouts: 0,
      lockedUntil: null,
    });
    expect(c.codeHash).toBe('h1:abc');
    expect(refusal(c, t0)).toBeNull();
  });

  it('4 wrong codes leave it open with 4, 3, 2, 1 attempts left; the 5th returns 0 and locks for 900 s', () => {
    const c = CheckInCredential.issue('o1', 'h');
    const left = [1, 2, 3, 4].map((i) => c.recordWrongCode(at(i * S)));
    expect(left).toEqual([4, 3, 2, 1]);
    expect(c.snapshot()).toMatchObject({ wrongCodes: 4, lockouts: 0, lockedUntil: null });
    expect(refusal(c, at(4 * S))).toBeNull();

    expect(c.recordWrongCode(at(5 * S))).toBe(0);
    expect(c.snapshot()).toMatchObject({
      wrongCodes: 5,
      lockouts: 1,
      lockedUntil: at(5 * S + 900 * S),
    });
  });

  it('while locked, assertOpen throws CHECK_IN_ATTEMPTS_EXCEEDED (429) with the whole seconds left, rounded up; open again exactly at lockedUntil', () => {
    const c = CheckInCredential.issue('o1', 'h');
    fiveWrong(c, t0);
    const e = refusal(c, t0)!;
    expect(e).toBeInstanceOf(RateLimitedError);
    expect(e).toMatchObject({
      code: 'CHECK_IN_ATTEMPTS_EXCEEDED',
      kind: 'rate_limited',
      retryAfterSeconds: 900,
    });
    expect(refusal(c, at(1))!.retryAfterSeconds).toBe(900); // 899.999 s → 900
    expect(refusal(c, at(600 * S))!.retryAfterSeconds).toBe(300);
    expect(refusal(c, at(899 * S))!.retryAfterSeconds).toBe(1);
    expect(refusal(c, at(900 * S - 1))!.retryAfterSeconds).toBe(1); // 0.001 s → 1
    expect(refusal(c, at(900 * S))).toBeNull();
  });

  it('a wrong code while locked is refused as locked and not counted', () => {
    const c = CheckInCredential.issue('o1', 'h');
    fiveWrong(c, t0);
    const locked = c.snapshot();
    expect(() => c.recordWrongCode(at(10 * S))).toThrow(CheckInAttemptsExceededError);
    expect(c.snapshot()).toEqual(locked);
  });

  it('after a lock ends the count restarts at 4 attempts left', () => {
    const c = CheckInCredential.issue('o1', 'h');
    fiveWrong(c, t0);
    const end = at(900 * S);
    expect(c.recordWrongCode(end)).toBe(4);
    expect(c.snapshot()).toMatchObject({ wrongCodes: 1, lockouts: 1, lockedUntil: null });
    expect([2, 3, 4].map((i) => c.recordWrongCode(at(900 * S + i)))).toEqual([3, 2, 1]);
    expect(refusal(c, at(900 * S + 5))).toBeNull();
  });

  it('the 2nd lock lasts 1800 s, then each doubles up to 86400 s, where it stays', () => {
    const c = CheckInCredential.issue('o1', 'h');
    const expected = [900, 1_800, 3_600, 7_200, 14_400, 28_800, 57_600, 86_400, 86_400, 86_400];
    let now = t0;
    const seen: number[] = [];
    for (let lock = 1; lock <= expected.length; lock++) {
      expect(fiveWrong(c, now)).toEqual([4, 3, 2, 1, 0]);
      const { lockedUntil, lockouts } = c.snapshot();
      expect(lockouts).toBe(lock);
      const seconds = (lockedUntil!.getTime() - now.getTime()) / 1000;
      seen.push(seconds);
      expect(refusal(c, now)!.retryAfterSeconds).toBe(seconds);
      expect(refusal(c, new Date(lockedUntil!.getTime() - 1))).not.toBeNull();
      now = lockedUntil!;
      expect(refusal(c, now)).toBeNull();
    }
    expect(seen).toEqual(expected);
  });

  it('the doubling is capped even after very many locks (no overflow to Infinity or NaN)', () => {
    const c = CheckInCredential.restore({
      orderId: 'o1',
      codeHash: 'h',
      wrongCodes: 4,
      lockouts: 10_000,
      lockedUntil: null,
    });
    expect(c.recordWrongCode(t0)).toBe(0);
    expect(c.snapshot()).toMatchObject({ lockouts: 10_001, lockedUntil: at(86_400 * S) });
  });

  it('restores a stored lock as it was: still locked until lockedUntil', () => {
    const stored = {
      orderId: 'o1',
      codeHash: 'h',
      wrongCodes: 5,
      lockouts: 2,
      lockedUntil: at(1_800 * S),
    };
    const c = CheckInCredential.restore(stored);
    expect(c.snapshot()).toEqual(stored);
    expect(refusal(c, t0)!.retryAfterSeconds).toBe(1_800);
    // The next lock after this one is the 3rd: 3600 s.
    const end = at(1_800 * S);
    fiveWrong(c, end);
    expect(c.snapshot()).toMatchObject({
      lockouts: 3,
      lockedUntil: new Date(end.getTime() + 3_600 * S),
    });
  });

  it('snapshot is a copy: changing it does not change the credential', () => {
    const c = CheckInCredential.issue('o1', 'h');
    const s = c.snapshot() as { wrongCodes: number };
    s.wrongCodes = 99;
    expect(c.snapshot().wrongCodes).toBe(0);
  });
});
