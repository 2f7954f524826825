import { Module } from '@nestjs/common';
import { PASSWORD_HASHER } from '../../../domain/identity/password-hasher.port';
import { SESSION_REPOSITORY } from '../../../domain/identity/session.repository';
import { USER_REPOSITORY } from '../../../domain/identity/user.repository';
import { BcryptPasswordHasher } from '../../security/bcrypt-password-hasher';
import { TypeormSessionRepository } from './typeorm-session.repository';
import { TypeormUserRepository } from './typeorm-user.repository';

/** Binds the identity ports to their adapters. */
@Module({
  providers: [
    { provide: USER_REPOSITORY, useClass: TypeormUserRepository },
    { provide: SESSION_REPOSITORY, useClass: TypeormSessionRepository },
    { provide: PASSWORD_HASHER, useClass: BcryptPasswordHasher },
  ],
  exports: [USER_REPOSITORY, SESSION_REPOSITORY, PASSWORD_HASHER],
})
export class IdentityPersistenceModule {}
