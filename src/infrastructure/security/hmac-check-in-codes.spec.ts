import { createHash } from 'node:crypto';
import { HmacCheckInCodes } from './hmac-check-in-codes';

const ORDER = '0192f0c4-7b1e-7a3c-9f00-000000000001';
const OTHER_ORDER = '0192f0c4-7b1e-7a3c-9f00-000000000002';
const TRANSFER = '0192f0c4-8000-7000-8000-00000000000a';
const OTHER_TRANSFER = '0192f0c4-8000-7000-8000-00000000000b';

/** The hash the migration copied from the old `orders.check_in_code`: unkeyed SHA-256. */
const legacy = (orderId: string, code: string) =>
  `s0:${createHash('sha256').update(`${orderId}:${code}`).digest('hex')}`;

/** Another 6-digit code than `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('HmacCheckInCodes', () => {
  const codes = new HmacCheckInCodes('unit-test-secret');
  const code = codes.codeFor(ORDER, TRANSFER);

  describe('codeFor', () => {
    it('is 6 digits (leading zeros kept) for any order and payment', () => {
      const all = Array.from({ length: 2_000 }, (_, i) =>
        codes.codeFor(`order-${i}`, `transfer-${i}`),
      );
      for (const c of all) expect(c).toMatch(/^\d{6}$/);
      // Over 2000 codes some start with 0 (about 200 expected): padding works.
      expect(all.some((c) => c.startsWith('0'))).toBe(true);
      // Spread over the million codes: nearly all distinct.
      expect(new Set(all).size).toBeGreaterThan(1_990);
    });

    it('is deterministic: the same secret, order and payment give the same code, in any instance', () => {
      expect(codes.codeFor(ORDER, TRANSFER)).toBe(code);
      expect(new HmacCheckInCodes('unit-test-secret').codeFor(ORDER, TRANSFER)).toBe(code);
    });

    it('differs per order, per payment transfer and per secret', () => {
      expect(codes.codeFor(OTHER_ORDER, TRANSFER)).not.toBe(code);
      expect(codes.codeFor(ORDER, OTHER_TRANSFER)).not.toBe(code);
      expect(new HmacCheckInCodes('another-secret').codeFor(ORDER, TRANSFER)).not.toBe(code);
    });
  });

  describe('hash', () => {
    it("is 'h1:' and 64 hex digits, deterministic, and does not contain the code", () => {
      const h = codes.hash(ORDER, code);
      expect(h).toMatch(/^h1:[0-9a-f]{64}$/);
      expect(h.slice(3)).not.toContain(code);
      expect(codes.hash(ORDER, code)).toBe(h);
      expect(new HmacCheckInCodes('unit-test-secret').hash(ORDER, code)).toBe(h);
    });

    it('is keyed: not the unkeyed SHA-256 of the code, and different under another secret, for another order, for another code', () => {
      const h = codes.hash(ORDER, code);
      expect(h.slice(3)).not.toBe(legacy(ORDER, code).slice(3));
      expect(new HmacCheckInCodes('another-secret').hash(ORDER, code)).not.toBe(h);
      expect(codes.hash(OTHER_ORDER, code)).not.toBe(h);
      expect(codes.hash(ORDER, wrong(code))).not.toBe(h);
    });
  });

  describe('matches', () => {
    const stored = codes.hash(ORDER, code);

    it('the right code of the right order: true', () => {
      expect(codes.matches(ORDER, code, stored)).toBe(true);
      expect(new HmacCheckInCodes('unit-test-secret').matches(ORDER, code, stored)).toBe(true);
    });

    it('a wrong code, the code checked against another order, or under another secret: false', () => {
      expect(codes.matches(ORDER, wrong(code), stored)).toBe(false);
      expect(codes.matches(ORDER, '000000', stored)).toBe(false);
      expect(codes.matches(ORDER, `${code} `, stored)).toBe(false);
      expect(codes.matches(ORDER, '', stored)).toBe(false);
      expect(codes.matches(OTHER_ORDER, code, stored)).toBe(false);
      expect(new HmacCheckInCodes('another-secret').matches(ORDER, code, stored)).toBe(false);
    });

    it("a legacy 's0:' hash (SHA-256 hex of orderId:code) still matches its code, and only it", () => {
      const old = legacy(ORDER, '042137');
      expect(codes.matches(ORDER, '042137', old)).toBe(true);
      // Unkeyed: any secret verifies it.
      expect(new HmacCheckInCodes('another-secret').matches(ORDER, '042137', old)).toBe(true);
      expect(codes.matches(ORDER, '042138', old)).toBe(false);
      expect(codes.matches(OTHER_ORDER, '042137', old)).toBe(false);
      // An 's0:' hash is compared as 's0:', never as a keyed hash (and vice versa).
      expect(codes.matches(ORDER, code, `s0:${stored.slice(3)}`)).toBe(false);
      expect(codes.matches(ORDER, '042137', `h1:${old.slice(3)}`)).toBe(false);
    });

    it.each([
      ['empty', ''],
      ['no scheme', 'garbage'],
      ['unknown scheme', `x9:${'0'.repeat(64)}`],
      ['h1 without digest', 'h1:'],
      ['s0 without digest', 's0:'],
      ['a truncated h1 digest', 'TRUNC'],
      ['a digest one character too long', 'LONG'],
      ['upper-case hex', 'UPPER'],
      ['multi-byte characters of the right length', 'é'.repeat(67)],
      ['a NUL byte', '\u0000'],
    ])('a garbage stored hash (%s) does not throw and is false', (_what, raw) => {
      const storedHash =
        raw === 'TRUNC'
          ? stored.slice(0, -1)
          : raw === 'LONG'
            ? `${stored}0`
            : raw === 'UPPER'
              ? `h1:${stored.slice(3).toUpperCase()}`
              : raw;
      expect(() => codes.matches(ORDER, code, storedHash)).not.toThrow();
      expect(codes.matches(ORDER, code, storedHash)).toBe(false);
    });
  });
});
