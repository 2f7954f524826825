import Redis, { Cluster, type ClusterNode, type RedisOptions } from 'ioredis';

/** A single Redis or a Redis Cluster: every Redis use takes its client from this file. */
export type RedisClient = Redis | Cluster;

/** What decides how to connect (REDIS_URL, REDIS_CLUSTER_NODES, REDIS_PREFIX). */
export interface RedisSettings {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string;
  REDIS_PREFIX: string;
}

export function isCluster(redis: RedisClient): redis is Cluster {
  return redis.isCluster;
}

/** The seed nodes of REDIS_CLUSTER_NODES, or null for a single Redis at REDIS_URL. */
export function clusterNodes(settings: RedisSettings): ClusterNode[] | null {
  if (!settings.REDIS_CLUSTER_NODES) return null;
  return settings.REDIS_CLUSTER_NODES.split(',').map((node) => {
    const [host, port] = node.trim().split(':');
    return { host, port: Number(port) };
  });
}

/** Credentials and TLS of REDIS_URL, applied to every cluster node. */
function connectionOptions(settings: RedisSettings): RedisOptions {
  const url = new URL(settings.REDIS_URL);
  return {
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * The application's client (cache, locks, counters, sessions, throttles). Commands fail fast
 * while Redis is down (no offline queue, short timeouts) so callers can fall back to the
 * database. In cluster mode the keys are prefixed the same way; ioredis routes each command by
 * the slot of its (prefixed) keys and follows MOVED/ASK and failovers.
 */
export function createRedisClient(settings: RedisSettings, name: string): RedisClient {
  const options: RedisOptions = {
    keyPrefix: settings.REDIS_PREFIX,
    connectionName: `atrium-${name}`,
    enableOfflineQueue: false,
    // Commands issued in the same tick share one socket write (one per request, not three);
    // in cluster mode ioredis groups them per node.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
  };
  const nodes = clusterNodes(settings);
  if (!nodes) {
    return new Redis(settings.REDIS_URL, {
      ...options,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
  }
  const { keyPrefix, enableOfflineQueue, enableAutoPipelining, ...perNode } = options;
  return new Cluster(nodes, {
    keyPrefix,
    enableOfflineQueue,
    enableAutoPipelining,
    clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
    redisOptions: { ...connectionOptions(settings), ...perNode },
  });
}

/** The connections Bull opens: commands, blocking pops, pub/sub. */
export type BullClientType = 'client' | 'subscriber' | 'bclient';

/**
 * Bull's prefix. In cluster mode every key of a queue must share one slot (its Lua scripts
 * touch several keys), so the queues live under one hash tag; a single Redis keeps the
 * untagged prefix its existing jobs are stored under.
 */
export function bullPrefix(settings: RedisSettings): string {
  return clusterNodes(settings) ? `${settings.REDIS_PREFIX}{bull}` : `${settings.REDIS_PREFIX}bull`;
}

/**
 * A Cluster client for Bull (cluster mode only; a single Redis uses Bull's own clients from
 * REDIS_URL). Bull prefixes keys itself (no keyPrefix) and refuses blocking and subscriber
 * clients that have a ready check or a per-request retry limit; its command client keeps the
 * ioredis defaults (offline queue, retries) so a failover delays jobs instead of failing them.
 */
export function createBullClusterClient(settings: RedisSettings, type: BullClientType): Cluster {
  const nodes = clusterNodes(settings);
  if (!nodes) throw new Error('createBullClusterClient needs REDIS_CLUSTER_NODES');
  const blocking = type !== 'client';
  return new Cluster(nodes, {
    clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
    redisOptions: {
      ...connectionOptions(settings),
      connectionName: `atrium-bull-${type}`,
      ...(blocking ? { enableReadyCheck: false, maxRetriesPerRequest: null } : {}),
    },
  });
}
