import { Injectable } from '@nestjs/common';
import { PublicProfile, UserDirectory } from '@domain/identity/user-directory.port';
import { bufferToUuid, uuidToBuffer } from '@infra/database/column-codecs';
import { placeholders, Sql } from '@infra/database/sql';

interface ProfileRow {
  id: Buffer;
  username: string;
  nickname: string | null;
}

/** Primary-key reads of `users`, joining the caller's transaction if any. */
@Injectable()
export class TypeormUserDirectory implements UserDirectory {
  constructor(private readonly sql: Sql) {}

  async publicProfiles(ids: readonly string[]): Promise<Map<string, PublicProfile>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.sql.rows<ProfileRow>(
      `SELECT id, username, nickname FROM users WHERE id IN (${placeholders(unique.length)})`,
      unique.map(uuidToBuffer),
    );
    return new Map(
      rows.map((r) => {
        const id = bufferToUuid(r.id);
        return [id, { id, username: r.username, nickname: r.nickname }];
      }),
    );
  }

  async profileOf(id: string): Promise<(PublicProfile & { bio: string | null }) | null> {
    const row = await this.sql.one<ProfileRow & { bio: string | null }>(
      'SELECT id, username, nickname, bio FROM users WHERE id = ?',
      [uuidToBuffer(id)],
    );
    return row && { id, username: row.username, nickname: row.nickname, bio: row.bio };
  }

  async emailOf(userId: string): Promise<string | null> {
    const row = await this.sql.one<{ email: string | null }>(
      'SELECT email FROM users WHERE id = ?',
      [uuidToBuffer(userId)],
    );
    return row?.email ?? null;
  }
}
