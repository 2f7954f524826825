import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureInvalidError } from '@domain/payment/payment.errors';

/** The header that carries a webhook's signature. */
export const SIGNATURE_HEADER = 'Atrium-Signature';

/** How far `t` may be from the receiver's clock, either way (replays of old captures, skewed clocks). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, t: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (API.md, sandbox provider). */
export function signatureHeader(secret: string, rawBody: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, unixSeconds, rawBody)}`;
}

/**
 * Throws SignatureInvalidError unless `header` signs exactly `rawBody` with `secret` and its
 * `t` is within the tolerance of `nowMs`. Several `v1` values are accepted (a sender rotating
 * its secret signs with both); the comparison takes constant time.
 */
export function verifySignature(
  secret: string,
  rawBody: string,
  header: string | string[] | undefined,
  nowMs: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): void {
  if (header === undefined || header === '') throw new SignatureInvalidError('missing');
  if (Array.isArray(header)) throw new SignatureInvalidError('sent more than once');
  let t: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new SignatureInvalidError('malformed');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== undefined || !/^\d{1,12}$/.test(value))
        throw new SignatureInvalidError('malformed');
      t = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) throw new SignatureInvalidError('malformed');
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (t === undefined || signatures.length === 0) throw new SignatureInvalidError('malformed');
  if (Math.abs(nowMs / 1000 - t) > toleranceSeconds)
    throw new SignatureInvalidError('its timestamp is too far from now');
  const expected = Buffer.from(hmacHex(secret, t, rawBody), 'hex');
  if (!signatures.some((s) => timingSafeEqual(s, expected)))
    throw new SignatureInvalidError('it does not match');
}
