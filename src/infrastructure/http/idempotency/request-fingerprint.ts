import { createHash } from 'node:crypto';

/**
 * The row key of an Idempotency-Key (API.md Conventions): who sent it (user id, or `anonymous`),
 * the method, the route template and the key. The same key on another route or from another
 * user is another key.
 */
export function scopeHash(principal: string, method: string, route: string, key: string): Buffer {
  return sha256([principal, method, route, key].join('\n'));
}

/**
 * The request a key was first used for: method, concrete path (query string dropped) and the
 * body as canonical JSON. A different fingerprint under the same key is 422 IDEMPOTENCY_KEY_REUSED.
 */
export function requestHash(method: string, path: string, body: unknown): Buffer {
  return sha256([method, path, canonicalJson(body)].join('\n'));
}

/** JSON with object keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
