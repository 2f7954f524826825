/** The shared application client, a RedisClient (redis-client.ts). */
export const REDIS = Symbol('Redis');
