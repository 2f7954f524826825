import { ValueTransformer } from 'typeorm';

export function uuidToBuffer(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

export function bufferToUuid(buf: Buffer): string {
  const h = buf.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** UUID strings in the domain, BINARY(16) in the database (16 bytes instead of 36). */
export const uuidBinary: ValueTransformer = {
  to: (value: string | null | undefined) =>
    value === null || value === undefined ? value : typeof value === 'string' ? uuidToBuffer(value) : value,
  from: (value: Buffer | null) => (value ? bufferToUuid(value) : null),
};

/** A BIGINT as mysql2 returns it (number, or string past 2^53) → number, never silently rounded. */
export function toSafeInteger(value: number | string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (!Number.isSafeInteger(n)) throw new Error('BIGINT value outside the safe integer range');
  return n;
}

/** BIGINT money columns: numbers in the domain, guarded against precision loss. */
export const safeBigInt: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: number | string | null) => (value === null ? null : toSafeInteger(value)),
};
