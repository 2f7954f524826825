import { IsOptional, IsString, IsUrl, Matches } from 'class-validator';
import { EnvClass } from '../env.decorators';

/** The Redis shared by cache, sessions, throttles, leases and queues. */
export function RedisEnv<B extends EnvClass>(Base: B) {
  class RedisEnv extends Base {
    @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
    REDIS_URL = 'redis://127.0.0.1:6379';

    /**
     * Seed nodes of a Redis Cluster (`host:port,host:port,...`). When set every Redis use runs in
     * cluster mode and REDIS_URL is ignored (its credentials, if any, still apply to every node).
     */
    @IsOptional()
    @Matches(/^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/, {
      message: 'must be comma-separated host:port seed nodes',
    })
    REDIS_CLUSTER_NODES?: string;

    /**
     * Prefix of every Redis key (cache, locks, queues), so several deployments can share one Redis.
     * No `{}`: a hash tag here would put every key of the deployment in one cluster slot; the
     * keys that must share a slot carry their own tag (src/infrastructure/redis/redis-keys.ts).
     */
    @IsString()
    @Matches(/^[A-Za-z0-9:_-]{1,64}$/, {
      message: 'must be 1-64 characters of A-Z, a-z, 0-9, :, _ and -',
    })
    REDIS_PREFIX = 'atrium:';
  }
  return RedisEnv;
}
