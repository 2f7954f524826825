/**
 * A typed client for the Atrium API, built on openapi-fetch and the types that
 * openapi-typescript generates from docs/openapi.json (./schema.d.ts, `npm run client:generate`).
 *
 * Self-contained: it needs only `openapi-fetch` at runtime and may be copied into a frontend as is.
 *
 *   const api = createAtriumClient({ baseUrl: 'https://api.example.com', getAccessToken: () => token });
 *   const { data, error, response } = await api.GET('/v1/accounts');
 */
import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

/** Every named schema of the API (request and response bodies). */
export type Schemas = components['schemas'];
/** One named schema, e.g. `Schema<'AccountResponse'>`. */
export type Schema<Name extends keyof Schemas> = Schemas[Name];

/** The body of every error answer (application/problem+json, RFC 9457). */
export type Problem = Schemas['ProblemResponse'];
/** One entry of `Problem.errors` (VALIDATION_FAILED). */
export type ProblemFieldError = Schemas['ProblemFieldError'];

export type AtriumClient = Client<paths>;

/** Returns the current access token, or nothing for anonymous calls. */
export type AccessTokenProvider = () =>
  string | null | undefined | Promise<string | null | undefined>;

export interface AtriumClientOptions {
  /** The API origin, e.g. `https://api.example.com` (no trailing `/v1`: paths carry it). */
  baseUrl: string;
  /** A fetch implementation; defaults to `globalThis.fetch`. */
  fetch?: ClientOptions['fetch'];
  /** Called before every request; its token is sent as `Authorization: Bearer <token>`. */
  getAccessToken?: AccessTokenProvider;
}

/**
 * A middleware adding `Authorization: Bearer <token>` to every request that does not already
 * carry an Authorization header, when the provider returns a token.
 */
export function bearerAuth(getAccessToken: AccessTokenProvider): Middleware {
  return {
    async onRequest({ request }) {
      if (request.headers.has('authorization')) return undefined;
      const token = await getAccessToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
}

export function createAtriumClient(options: AtriumClientOptions): AtriumClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.getAccessToken) client.use(bearerAuth(options.getAccessToken));
  return client;
}

/** Narrows an unknown value (e.g. an `error` of an operation without documented errors) to a Problem. */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.status === 'number' && typeof v.title === 'string';
}
