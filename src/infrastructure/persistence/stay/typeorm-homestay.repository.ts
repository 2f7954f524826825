import { Injectable } from '@nestjs/common';
import { Homestay } from '@domain/stay/homestay.aggregate';
import { HomestayRepository } from '@domain/stay/homestay.repository';
import { uuidToBuffer } from '@infra/database/column-codecs';
import { selectList } from '@infra/database/row-mapper';
import { Sql } from '@infra/database/sql';
import { HomestayRow, homestayMapper } from './homestay.mapper';

const COLUMNS = selectList(homestayMapper);

@Injectable()
export class TypeormHomestayRepository implements HomestayRepository {
  constructor(private readonly sql: Sql) {}

  async insert(homestay: Homestay): Promise<void> {
    await this.sql.insert(homestayMapper, homestay);
  }

  async findById(id: string): Promise<Homestay | null> {
    const row = await this.sql.one<HomestayRow>(`SELECT ${COLUMNS} FROM homestays WHERE id = ?`, [
      uuidToBuffer(id),
    ]);
    return row ? homestayMapper.toDomain(row) : null;
  }

  async lockById(id: string): Promise<Homestay | null> {
    // Writing the row takes the same exclusive lock as FOR UPDATE and, on Galera, makes the
    // lock part of the write set: a booking that held it on another node fails certification
    // and runs again instead of both committing.
    const locked = await this.sql.execute(
      'UPDATE homestays SET lock_seq = lock_seq + 1 WHERE id = ?',
      [uuidToBuffer(id)],
    );
    if (locked === 0) return null;
    const row = await this.sql.one<HomestayRow>(
      `SELECT ${COLUMNS} FROM homestays WHERE id = ? FOR UPDATE`,
      [uuidToBuffer(id)],
    );
    return row ? homestayMapper.toDomain(row) : null;
  }

  async update(homestay: Homestay): Promise<void> {
    const r = homestayMapper.toRow(homestay);
    await this.sql.execute(
      `UPDATE homestays SET title = ?, description = ?, city = ?, price_per_night = ?, currency = ?, max_guests = ?, updated_at = ?
       WHERE id = ?`,
      [
        r.title,
        r.description,
        r.city,
        r.price_per_night,
        r.currency,
        r.max_guests,
        new Date(),
        r.id,
      ],
    );
  }

  async list({
    city,
    beforeId,
    limit,
  }: {
    city?: string;
    beforeId: string | null;
    limit: number;
  }): Promise<Homestay[]> {
    // Browsing: a homestay listed seconds ago may show up a little later (lag-tolerant).
    const rows = await this.sql
      .fromReplica()
      .newestFirst(
        homestayMapper,
        { city },
        beforeId,
        limit,
        city ? 'ix_homestays_city' : undefined,
      );
    return rows.map(homestayMapper.toDomain);
  }
}
