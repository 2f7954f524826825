import {
  domainError,
  ForbiddenError,
  RateLimitedError,
  ValidationError,
} from '../shared/domain-error';

export class InvalidCredentialsError extends domainError(
  'INVALID_CREDENTIALS',
  'unauthenticated',
  'Login or password is incorrect',
) {}

export class UsernameTakenError extends domainError(
  'USERNAME_TAKEN',
  'conflict',
  'This username is already taken',
) {}

export class EmailTakenError extends domainError(
  'EMAIL_TAKEN',
  'conflict',
  'This email address is already registered',
) {}

export class TooManyLoginAttemptsError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'Too many failed logins for this account, try again later');
  }
}

/** Wrong, expired, already used or never sent: one answer, so nothing leaks about the code. */
export class OtpInvalidError extends domainError(
  'OTP_INVALID',
  'unauthenticated',
  'The code is wrong, expired or already used',
) {}

export class OtpResendTooSoonError extends RateLimitedError {
  override readonly code = 'OTP_RESEND_TOO_SOON';

  constructor(retryAfterSeconds: number) {
    super(
      retryAfterSeconds,
      'A code was sent to this number moments ago; wait before asking for another',
    );
  }
}

/** SMS pumping: an hourly quota on codes sent (per client, per number prefix, or in all) is used up. */
export class OtpSendQuotaExceededError extends RateLimitedError {
  constructor(quota: 'ip' | 'prefix' | 'global', retryAfterSeconds: number) {
    super(
      retryAfterSeconds,
      quota === 'ip'
        ? 'Too many codes were requested from your network; try again later'
        : quota === 'prefix'
          ? 'Too many codes were requested for numbers like this one; try again later'
          : 'Sign-in codes are temporarily unavailable; try again later',
    );
  }
}

export class OtpAttemptsExceededError extends RateLimitedError {
  override readonly code = 'OTP_ATTEMPTS_EXCEEDED';

  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'Too many wrong codes; request a new code');
  }
}

export class EmailVerificationRateLimitedError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'A verification email was sent recently; try again later');
  }
}

/** API.md has no dedicated code for a bad verification link: it is a 400 on the `token` field. */
export class EmailVerificationTokenInvalidError extends ValidationError {
  constructor() {
    super('token', 'is invalid, expired or already used');
  }
}

/** Setting a first password without the current one needs a fresh one-time-code sign-in. */
export class RecentOtpSignInRequiredError extends ForbiddenError {
  constructor(maxAgeMinutes: number) {
    super(
      `Sign in with a one-time code (within the last ${maxAgeMinutes} minutes) to set a first password`,
    );
  }
}

/**
 * A uniqueness race on the phone (two first sign-ins of one number at once). Not part of the
 * API: the one-time-code sign-in catches it and reads the winner's user instead.
 */
export class PhoneTakenError extends domainError(
  'PHONE_TAKEN',
  'conflict',
  'This phone number is already registered',
) {}
