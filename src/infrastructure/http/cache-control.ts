import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  HeaderObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * Every answer under /v1 is `Cache-Control: no-store`: tokens, users, sessions, balances,
 * orders... none may be kept by a browser, a proxy or a CDN, and errors (401, 429...) are not
 * reusable either. One rule for the whole API instead of a list of personal routes that a new
 * route could be missing from. A handler that sets its own Cache-Control (a future public,
 * cacheable read) overrides it: the header is set when the request arrives.
 */
export const NO_STORE_PREFIX = '/v1';
export const NO_STORE = 'no-store';

export function needsNoStore(url: string): boolean {
  return (
    url === NO_STORE_PREFIX ||
    url.startsWith(`${NO_STORE_PREFIX}/`) ||
    url.startsWith(`${NO_STORE_PREFIX}?`)
  );
}

const HEADER_NAME = 'NoStore';
const HEADER: HeaderObject = {
  description: 'Always `no-store` on /v1: do not cache this answer anywhere',
  schema: { type: 'string', enum: [NO_STORE] },
};

/** Documents the header on every response of every /v1 operation (one shared component). */
export function documentNoStore(document: OpenAPIObject): void {
  document.components = document.components ?? {};
  document.components.headers = { ...(document.components.headers ?? {}), [HEADER_NAME]: HEADER };
  for (const [path, item] of Object.entries(document.paths)) {
    if (!needsNoStore(path)) continue;
    for (const operation of Object.values(item)) {
      const responses = (operation as { responses?: Record<string, ResponseObject> }).responses;
      if (!responses || typeof responses !== 'object') continue;
      for (const response of Object.values(responses)) {
        response.headers = {
          ...(response.headers ?? {}),
          'Cache-Control': { $ref: `#/components/headers/${HEADER_NAME}` },
        };
      }
    }
  }
}
