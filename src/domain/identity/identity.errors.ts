import { DomainError, RateLimitedError } from '../shared/domain-error';

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  readonly kind = 'unauthenticated' as const;

  constructor() {
    super('Login or password is incorrect');
  }
}

export class UsernameTakenError extends DomainError {
  readonly code = 'USERNAME_TAKEN';
  readonly kind = 'conflict' as const;

  constructor() {
    super('This username is already taken');
  }
}

export class EmailTakenError extends DomainError {
  readonly code = 'EMAIL_TAKEN';
  readonly kind = 'conflict' as const;

  constructor() {
    super('This email address is already registered');
  }
}

export class TooManyLoginAttemptsError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'Too many failed logins for this account, try again later');
  }
}
