import { randomBytes } from 'node:crypto';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let lastMs = 0;
let counter = 0;

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, a 12-bit counter (method 1 of §6.2), then
 * random bits. Time-ordered, so BINARY(16) primary keys append to the B-tree, and strictly
 * increasing within a process even inside one millisecond or when the clock steps back:
 * ids double as the "newest first" keyset order (e.g. of a ledger account's entries).
 */
export function newId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = randomBytes(2).readUInt16BE(0) & 0x07ff; // room to count up within the ms
  } else if (++counter > 0x0fff) {
    lastMs += 1; // counter exhausted: borrow the next millisecond
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
