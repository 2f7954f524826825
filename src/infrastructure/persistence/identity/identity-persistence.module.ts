import { Module } from '@nestjs/common';
import {
  EMAIL_VERIFICATION_SEND_COUNTER,
  EMAIL_VERIFICATION_TOKEN_REPOSITORY,
} from '@domain/identity/email-verification';
import { LOGIN_ATTEMPT_COUNTER } from '@domain/identity/login-attempts.port';
import { OTP_STORE } from '@domain/identity/one-time-code';
import { OTP_SEND_COUNTER } from '@domain/identity/otp-send-quota';
import { PASSWORD_HASHER } from '@domain/identity/password-hasher.port';
import { SESSION_STATE_CACHE } from '@domain/identity/session-state-cache.port';
import { SESSION_REPOSITORY } from '@domain/identity/session.repository';
import { USER_DIRECTORY } from '@domain/identity/user-directory.port';
import { USER_REPOSITORY } from '@domain/identity/user.repository';
import { BcryptPasswordHasher } from '@infra/security/bcrypt-password-hasher';
import { RedisEmailVerificationSendCounter } from './redis-email-verification-send.counter';
import { RedisLoginAttemptCounter } from './redis-login-attempt.counter';
import { RedisOtpSendCounter } from './redis-otp-send.counter';
import { RedisOtpStore } from './redis-otp.store';
import { RedisSessionStateCache } from './redis-session-state.cache';
import { TypeormEmailVerificationTokenRepository } from './typeorm-email-verification-token.repository';
import { TypeormSessionRepository } from './typeorm-session.repository';
import { TypeormUserDirectory } from './typeorm-user-directory';
import { TypeormUserRepository } from './typeorm-user.repository';

const PROVIDERS = [
  { provide: USER_REPOSITORY, useClass: TypeormUserRepository },
  { provide: SESSION_REPOSITORY, useClass: TypeormSessionRepository },
  { provide: PASSWORD_HASHER, useClass: BcryptPasswordHasher },
  {
    provide: EMAIL_VERIFICATION_TOKEN_REPOSITORY,
    useClass: TypeormEmailVerificationTokenRepository,
  },
  { provide: OTP_STORE, useClass: RedisOtpStore },
  { provide: LOGIN_ATTEMPT_COUNTER, useClass: RedisLoginAttemptCounter },
  { provide: SESSION_STATE_CACHE, useClass: RedisSessionStateCache },
  { provide: EMAIL_VERIFICATION_SEND_COUNTER, useClass: RedisEmailVerificationSendCounter },
  { provide: OTP_SEND_COUNTER, useClass: RedisOtpSendCounter },
];

/**
 * Binds the identity ports to their adapters: MySQL for the records, Redis for pending
 * one-time codes, the rate-limit counters and the session-state cache.
 */
@Module({
  providers: PROVIDERS,
  exports: PROVIDERS.map((p) => p.provide),
})
export class IdentityPersistenceModule {}

/**
 * The adapter behind USER_DIRECTORY, identity's read port for other contexts. IdentityModule
 * imports and re-exports it, so other contexts get it by importing IdentityModule.
 */
@Module({
  providers: [{ provide: USER_DIRECTORY, useClass: TypeormUserDirectory }],
  exports: [USER_DIRECTORY],
})
export class UserDirectoryPersistenceModule {}
