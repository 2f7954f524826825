import { Injectable } from '@nestjs/common';
import {
  EmailTakenError,
  PhoneTakenError,
  UsernameTakenError,
} from '@domain/identity/identity.errors';
import { LoginName } from '@domain/identity/login-name';
import { User } from '@domain/identity/user.aggregate';
import { UserRepository } from '@domain/identity/user.repository';
import { uuidToBuffer } from '@infra/database/column-codecs';
import { duplicateKeyIndex, isDuplicateKey } from '@infra/database/mysql-errors';
import { selectList } from '@infra/database/row-mapper';
import { Sql } from '@infra/database/sql';
import { saveById } from '@infra/database/save-by-id';
import { userMapper, UserRow } from './user.mapper';

const SELECT_USER = `SELECT ${selectList(userMapper)} FROM users`;

@Injectable()
export class TypeormUserRepository implements UserRepository {
  constructor(private readonly sql: Sql) {}

  findById(id: string): Promise<User | null> {
    return this.findOne('id', uuidToBuffer(id));
  }

  findByLogin({ kind, value }: LoginName): Promise<User | null> {
    return kind === 'email' ? this.findOne('email', value) : this.findOne('username', value);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.findOne('email', email);
  }

  findByPhone(phone: string): Promise<User | null> {
    return this.findOne('phone', phone);
  }

  async existsByUsername(username: string): Promise<boolean> {
    return (
      (await this.sql.one('SELECT 1 AS found FROM users WHERE username = ? LIMIT 1', [
        username,
      ])) !== null
    );
  }

  async save(user: User): Promise<void> {
    try {
      await saveById(this.sql, userMapper, user);
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

  /** One row by a unique column (the primary key or a unique index). */
  private async findOne(
    column: 'id' | 'username' | 'email' | 'phone',
    value: Buffer | string,
  ): Promise<User | null> {
    const row = await this.sql.one<UserRow>(`${SELECT_USER} WHERE ${column} = ?`, [value]);
    return row ? userMapper.toDomain(row) : null;
  }
}
