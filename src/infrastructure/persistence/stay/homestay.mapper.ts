import { Currency } from '@domain/bank/money.value-object';
import { Homestay } from '@domain/stay/homestay.aggregate';
import { RowMapper } from '@infra/database/row-mapper';
import { bufferToUuid, toSafeInteger, uuidToBuffer } from '@infra/database/column-codecs';

export interface HomestayRow {
  id: Buffer;
  host_id: Buffer;
  title: string;
  description: string;
  city: string;
  price_per_night: number | string;
  currency: Currency;
  max_guests: number;
  created_at: Date;
  updated_at: Date;
}

/** `updated_at` is the row's own bookkeeping: written, never read into the aggregate. */
export const homestayMapper: RowMapper<Homestay, HomestayRow> = {
  table: 'homestays',
  columns: [
    'id',
    'host_id',
    'title',
    'description',
    'city',
    'price_per_night',
    'currency',
    'max_guests',
    'created_at',
    'updated_at',
  ],
  toDomain: (r) =>
    Homestay.restore({
      id: bufferToUuid(r.id),
      hostId: bufferToUuid(r.host_id),
      title: r.title,
      description: r.description,
      city: r.city,
      pricePerNight: toSafeInteger(r.price_per_night),
      currency: r.currency,
      maxGuests: r.max_guests,
      createdAt: r.created_at,
    }),
  toRow: (homestay) => {
    const h = homestay.snapshot();
    return {
      id: uuidToBuffer(h.id),
      host_id: uuidToBuffer(h.hostId),
      title: h.title,
      description: h.description,
      city: h.city,
      price_per_night: h.pricePerNight,
      currency: h.currency,
      max_guests: h.maxGuests,
      created_at: h.createdAt,
      // The row of a new homestay: last updated when it was created.
      updated_at: h.createdAt,
    };
  },
};
