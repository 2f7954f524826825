/** The counters one login attempt is counted on: the folded typed login, the account, or both. */
export interface LoginAttemptCounters {
  /** The typed login in its folded form (loginThrottleName). */
  foldedLogin?: string;
  accountId?: string;
}

export type LoginAttemptReservation =
  { reserved: true } | { reserved: false; retryAfterSeconds: number };

/**
 * Failed-login counters shared by every instance. Throws DependencyUnavailableError when the
 * store is unreachable.
 */
export interface LoginAttemptCounter {
  /**
   * One atomic step over all the given counters: refused when any is at `max` (with the longest
   * wait among them, 0 when unknown), else one attempt is counted on each. A counter lives
   * `windowSeconds` from its first attempt.
   */
  reserve(
    counters: LoginAttemptCounters,
    max: number,
    windowSeconds: number,
  ): Promise<LoginAttemptReservation>;
  clear(counters: LoginAttemptCounters): Promise<void>;
}

export const LOGIN_ATTEMPT_COUNTER = Symbol('LoginAttemptCounter');
