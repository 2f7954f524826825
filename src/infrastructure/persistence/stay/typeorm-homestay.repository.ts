import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { Currency } from '../../../domain/bank/money.value-object';
import { Homestay } from '../../../domain/stay/homestay.aggregate';
import { HomestayRepository } from '../../../domain/stay/homestay.repository';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '../../database/column-codecs';

interface HomestayRow {
  id: Buffer;
  host_id: Buffer;
  title: string;
  description: string;
  city: string;
  price_per_night: number | string;
  currency: Currency;
  max_guests: number;
  created_at: Date;
}

const COLUMNS =
  'id, host_id, title, description, city, price_per_night, currency, max_guests, created_at';

function toHomestay(r: HomestayRow): Homestay {
  return Homestay.restore({
    id: bufferToUuid(r.id),
    hostId: bufferToUuid(r.host_id),
    title: r.title,
    description: r.description,
    city: r.city,
    pricePerNight: toSafeInteger(r.price_per_night),
    currency: r.currency,
    maxGuests: r.max_guests,
    createdAt: r.created_at,
  });
}

@Injectable()
export class TypeormHomestayRepository implements HomestayRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T = unknown>(sql: string, params: unknown[]): Promise<T> {
    return this.txHost.tx.query(sql, params);
  }

  async insert(homestay: Homestay): Promise<void> {
    const h = homestay.snapshot();
    await this.query(
      `INSERT INTO homestays (${COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        uuidToBuffer(h.id),
        uuidToBuffer(h.hostId),
        h.title,
        h.description,
        h.city,
        h.pricePerNight,
        h.currency,
        h.maxGuests,
        h.createdAt,
        h.createdAt,
      ],
    );
  }

  async findById(id: string): Promise<Homestay | null> {
    const rows = await this.query<HomestayRow[]>(`SELECT ${COLUMNS} FROM homestays WHERE id = ?`, [
      uuidToBuffer(id),
    ]);
    return rows[0] ? toHomestay(rows[0]) : null;
  }

  async lockById(id: string): Promise<Homestay | null> {
    const rows = await this.query<HomestayRow[]>(
      `SELECT ${COLUMNS} FROM homestays WHERE id = ? FOR UPDATE`,
      [uuidToBuffer(id)],
    );
    return rows[0] ? toHomestay(rows[0]) : null;
  }

  async update(homestay: Homestay): Promise<void> {
    const h = homestay.snapshot();
    await this.query(
      `UPDATE homestays SET title = ?, description = ?, city = ?, price_per_night = ?, currency = ?, max_guests = ?, updated_at = ?
       WHERE id = ?`,
      [
        h.title,
        h.description,
        h.city,
        h.pricePerNight,
        h.currency,
        h.maxGuests,
        new Date(),
        uuidToBuffer(h.id),
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
    const where: string[] = [];
    const params: unknown[] = [];
    if (city !== undefined) {
      where.push('city = ?');
      params.push(city);
    }
    if (beforeId) {
      where.push('id < ?');
      params.push(uuidToBuffer(beforeId));
    }
    params.push(limit);
    const rows = await this.query<HomestayRow[]>(
      `SELECT ${COLUMNS} FROM homestays ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      params,
    );
    return rows.map(toHomestay);
  }
}
