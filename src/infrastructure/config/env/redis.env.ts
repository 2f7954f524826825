import { IsString, IsUrl, Matches } from 'class-validator';
import { EnvClass } from '../env.decorators';

/** The Redis shared by cache, sessions, throttles, leases and queues. */
export function RedisEnv<B extends EnvClass>(Base: B) {
  class RedisEnv extends Base {
    @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
    REDIS_URL = 'redis://127.0.0.1:6379';

    /** Prefix of every Redis key (cache, locks, queues), so several deployments can share one Redis. */
    @IsString()
    @Matches(/^[A-Za-z0-9:_-]{1,64}$/, {
      message: 'must be 1-64 characters of A-Z, a-z, 0-9, :, _ and -',
    })
    REDIS_PREFIX = 'atrium:';
  }
  return RedisEnv;
}
