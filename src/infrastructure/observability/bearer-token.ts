import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * True when `authorization` is `Bearer <token>`. Compares SHA-256 digests with timingSafeEqual,
 * so the time taken tells nothing about the token (not even its length).
 */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization ?? '');
  // Always hash and compare, even for a missing header: same work on every path.
  const presented = digest(match?.[1] ?? '');
  return timingSafeEqual(presented, digest(token)) && match !== null;
}
