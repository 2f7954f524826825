import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { EmailTakenError, PhoneTakenError, UsernameTakenError } from '../../../domain/identity/identity.errors';
import { LoginName } from '../../../domain/identity/login-name';
import { Role, User } from '../../../domain/identity/user.aggregate';
import { UserRepository } from '../../../domain/identity/user.repository';
import { duplicateKeyIndex, isDuplicateKey } from '../../database/mysql-errors';
import { UserOrmEntity } from './user.orm-entity';

@Injectable()
export class TypeormUserRepository implements UserRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(UserOrmEntity);
  }

  async findById(id: string): Promise<User | null> {
    return toDomain(await this.repo.findOneBy({ id }));
  }

  async findByLogin({ kind, value }: LoginName): Promise<User | null> {
    return toDomain(await this.repo.findOneBy(kind === 'email' ? { email: value } : { username: value }));
  }

  async findByEmail(email: string): Promise<User | null> {
    return toDomain(await this.repo.findOneBy({ email }));
  }

  async findByPhone(phone: string): Promise<User | null> {
    return toDomain(await this.repo.findOneBy({ phone }));
  }

  async existsByUsername(username: string): Promise<boolean> {
    return this.repo.existsBy({ username });
  }

  async save(user: User): Promise<void> {
    try {
      await this.repo.save(this.repo.create({ ...user.snapshot() }), { reload: false });
    } catch (err) {
      if (isDuplicateKey(err)) {
        const index = duplicateKeyIndex(err);
        if (index === 'uq_users_username') throw new UsernameTakenError();
        if (index === 'uq_users_email') throw new EmailTakenError();
        if (index === 'uq_users_phone') throw new PhoneTakenError();
      }
      throw err;
    }
  }
}

function toDomain(row: UserOrmEntity | null): User | null {
  if (!row) return null;
  return User.restore({ ...row, role: row.role as Role, emailVerified: Boolean(row.emailVerified) });
}
