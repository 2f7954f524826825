import { Role, User } from '@domain/identity/user.aggregate';
import { bufferToUuid, toBoolean, uuidToBuffer } from '@infra/database/column-codecs';
import { RowMapper } from '@infra/database/row-mapper';

export interface UserRow {
  id: Buffer;
  username: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  full_name: string;
  nickname: string | null;
  bio: string | null;
  /** DATE: 'YYYY-MM-DD' (the connection reads DATE columns as text). */
  birthday: string | null;
  role: string;
  email_verified: number | boolean;
  created_at: Date;
  updated_at: Date;
}

export const userMapper: RowMapper<User, UserRow> = {
  table: 'users',
  columns: [
    'id',
    'username',
    'email',
    'phone',
    'password_hash',
    'full_name',
    'nickname',
    'bio',
    'birthday',
    'role',
    'email_verified',
    'created_at',
    'updated_at',
  ],
  toDomain: (row) =>
    User.restore({
      id: bufferToUuid(row.id),
      username: row.username,
      email: row.email,
      phone: row.phone,
      passwordHash: row.password_hash,
      fullName: row.full_name,
      nickname: row.nickname,
      bio: row.bio,
      birthday: row.birthday,
      role: row.role as Role,
      emailVerified: toBoolean(row.email_verified),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
  toRow: (user) => {
    const u = user.snapshot();
    return {
      id: uuidToBuffer(u.id),
      username: u.username,
      email: u.email,
      phone: u.phone,
      password_hash: u.passwordHash,
      full_name: u.fullName,
      nickname: u.nickname,
      bio: u.bio,
      birthday: u.birthday,
      role: u.role,
      email_verified: u.emailVerified ? 1 : 0,
      created_at: u.createdAt,
      updated_at: u.updatedAt,
    };
  },
};
