import { ValueTransformer } from 'typeorm';

/**
 * The one way ids, BIGINTs and booleans cross between the domain and a row. Mappers
 * (`persistence/<context>/*.mapper.ts`) call these; the ORM entities' transformers are built
 * from the same functions.
 *
 * DATE columns need no codec: the connection reads them as 'YYYY-MM-DD' text
 * (`dateStrings: ['DATE']` in data-source-options.ts), which is the domain's calendar-date type.
 */

/** A UUID string → BINARY(16) (16 bytes instead of 36). */
export function uuidToBuffer(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

/** BINARY(16) → the UUID string. */
export function bufferToUuid(buf: Buffer): string {
  const h = buf.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function nullableUuidToBuffer(id: string | null | undefined): Buffer | null {
  return id ? uuidToBuffer(id) : null;
}

export function nullableBufferToUuid(buf: Buffer | null | undefined): string | null {
  return buf ? bufferToUuid(buf) : null;
}

/** A BIGINT as mysql2 returns it (number, or string past 2^53) → number, never silently rounded. */
export function toSafeInteger(value: number | string | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error('BIGINT value outside the safe integer range');
  return n;
}

/** TINYINT(1)/BOOLEAN as mysql2 returns it (0/1) → boolean. */
export function toBoolean(value: number | boolean | string): boolean {
  return value === true || value === 1 || value === '1';
}

/** UUID strings in the domain, BINARY(16) in the database. */
export const uuidBinary: ValueTransformer = {
  to: (value: string | null | undefined) =>
    value === null || value === undefined
      ? value
      : typeof value === 'string'
        ? uuidToBuffer(value)
        : value,
  from: (value: Buffer | null) => nullableBufferToUuid(value),
};

/** BIGINT money columns: numbers in the domain, guarded against precision loss. */
export const safeBigInt: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: number | string | null) => (value === null ? null : toSafeInteger(value)),
};
