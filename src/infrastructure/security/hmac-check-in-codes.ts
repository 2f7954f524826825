import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { CheckInCodes } from '@domain/stay/check-in-codes.port';

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(secret, 'utf8'),
      Buffer.from('atrium'),
      Buffer.from(purpose),
      32,
    ),
  );
}

/**
 * Codes and hashes under two keys derived (HKDF-SHA256) from the server secret, never the JWT
 * key itself. The code is HMAC(orderId:paymentTransferId) reduced to 6 digits; the stored hash
 * is `h1:` + HMAC(orderId:code) under the other key, so a copy of the database alone tells
 * nothing about any code (an unkeyed hash of a 6-digit code falls to a million guesses).
 * `s0:` hashes (SHA-256 of orderId:code) are codes issued before hashing existed, copied by the
 * migration that moved them out of `orders`; they still verify.
 * Rotating JWT_SECRET changes every code: outstanding orders' emailed codes stop matching.
 */
export class HmacCheckInCodes implements CheckInCodes {
  private readonly codeKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(secret: string) {
    this.codeKey = derive(secret, 'check-in-code');
    this.hashKey = derive(secret, 'check-in-code-hash');
  }

  codeFor(orderId: string, paymentTransferId: string): string {
    const mac = createHmac('sha256', this.codeKey)
      .update(`${orderId}:${paymentTransferId}`)
      .digest();
    // 2^48 / 10^6: the modulo bias is below one in 10^8.
    return String(mac.readUIntBE(0, 6) % 1_000_000).padStart(6, '0');
  }

  hash(orderId: string, code: string): string {
    return `h1:${createHmac('sha256', this.hashKey).update(`${orderId}:${code}`).digest('hex')}`;
  }

  matches(orderId: string, code: string, storedHash: string): boolean {
    const [scheme] = storedHash.split(':', 1);
    const expected =
      scheme === 's0'
        ? `s0:${createHash('sha256').update(`${orderId}:${code}`).digest('hex')}`
        : this.hash(orderId, code);
    const a = Buffer.from(expected);
    const b = Buffer.from(storedHash);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
