import { Module } from '@nestjs/common';
import { EMAIL_VERIFICATION_TOKEN_REPOSITORY } from '../../../domain/identity/email-verification';
import { OTP_STORE } from '../../../domain/identity/one-time-code';
import { PASSWORD_HASHER } from '../../../domain/identity/password-hasher.port';
import { SESSION_REPOSITORY } from '../../../domain/identity/session.repository';
import { USER_DIRECTORY } from '../../../domain/identity/user-directory.port';
import { USER_REPOSITORY } from '../../../domain/identity/user.repository';
import { BcryptPasswordHasher } from '../../security/bcrypt-password-hasher';
import { RedisOtpStore } from './redis-otp.store';
import { TypeormEmailVerificationTokenRepository } from './typeorm-email-verification-token.repository';
import { TypeormSessionRepository } from './typeorm-session.repository';
import { TypeormUserDirectory } from './typeorm-user-directory';
import { TypeormUserRepository } from './typeorm-user.repository';

/** Binds the identity ports to their adapters (MySQL, and Redis for pending one-time codes). */
@Module({
  providers: [
    { provide: USER_REPOSITORY, useClass: TypeormUserRepository },
    { provide: SESSION_REPOSITORY, useClass: TypeormSessionRepository },
    { provide: PASSWORD_HASHER, useClass: BcryptPasswordHasher },
    { provide: EMAIL_VERIFICATION_TOKEN_REPOSITORY, useClass: TypeormEmailVerificationTokenRepository },
    { provide: OTP_STORE, useClass: RedisOtpStore },
  ],
  exports: [USER_REPOSITORY, SESSION_REPOSITORY, PASSWORD_HASHER, EMAIL_VERIFICATION_TOKEN_REPOSITORY, OTP_STORE],
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
