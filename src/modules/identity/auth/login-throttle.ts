import { Inject, Injectable } from '@nestjs/common';
import { TooManyLoginAttemptsError } from '@domain/identity/identity.errors';
import {
  LOGIN_ATTEMPT_COUNTER,
  LoginAttemptCounter,
  LoginAttemptCounters,
} from '@domain/identity/login-attempts.port';
import { loginThrottleName } from '@domain/identity/login-name';
import { DependencyUnavailableError } from '@domain/shared/domain-error';
import { AppConfig } from '@infra/config/app-config';

/** Who an attempt is for: the typed login (sign-in), the account it names, or both. */
export interface AttemptSubject {
  /** The login as typed; counted under its folded form (see loginThrottleName). */
  login?: string;
  /** The account the login resolved to, or whose password is being changed. */
  accountId?: string;
}

/**
 * More than LOGIN_MAX_FAILURES failed password checks within the window → 429 RATE_LIMITED,
 * whoever tries (a correct password included). Two counters, both checked and counted:
 * - per account: every sign-in that resolves to the account (by username or email, in any
 *   case) and every password change with a `currentPassword`, so a lock holds however the
 *   login is spelled and a stolen access token can't guess the password either;
 * - per typed login, folded (accents, case, compatibility forms removed): so `tárget2`
 *   counts with `target2`, and names without an account are limited exactly like names with
 *   one (the answers never reveal which exist).
 * Every attempt is counted when it starts and a success clears the counters, so even parallel
 * guesses never get more than LOGIN_MAX_FAILURES tries. Without the counters (Redis) the check
 * fails open: the per-IP limit and the password hash's cost still apply.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(LOGIN_ATTEMPT_COUNTER) private readonly counter: LoginAttemptCounter,
    private readonly config: AppConfig,
  ) {}

  async reserveAttempt(subject: AttemptSubject): Promise<void> {
    const { LOGIN_MAX_FAILURES: max, LOGIN_FAILURE_WINDOW_SECONDS: window } = this.config.env;
    const result = await this.counter.reserve(countersOf(subject), max, window).catch(failOpen);
    if (result && !result.reserved)
      throw new TooManyLoginAttemptsError(
        result.retryAfterSeconds > 0 ? result.retryAfterSeconds : window,
      );
  }

  async reset(subject: AttemptSubject): Promise<void> {
    await this.counter.clear(countersOf(subject)).catch(failOpen);
  }
}

function countersOf({ login, accountId }: AttemptSubject): LoginAttemptCounters {
  return { foldedLogin: login === undefined ? undefined : loginThrottleName(login), accountId };
}

function failOpen(err: unknown): null {
  if (err instanceof DependencyUnavailableError) return null;
  throw err;
}
