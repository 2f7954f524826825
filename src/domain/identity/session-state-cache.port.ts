/**
 * A short-lived cache of whether sessions are active, in front of the sessions table. Throws
 * DependencyUnavailableError when the cache is unreachable.
 */
export interface SessionStateCache {
  /** true (active) or false (ended) when cached, null when not known. */
  get(sessionId: string): Promise<boolean | null>;
  put(sessionId: string, active: boolean, ttlSeconds: number): Promise<void>;
  /** Caches every id as ended, in one round trip. */
  putEnded(sessionIds: readonly string[], ttlSeconds: number): Promise<void>;
}

export const SESSION_STATE_CACHE = Symbol('SessionStateCache');
