import { IsIn, IsString, MinLength } from 'class-validator';
import { BooleanVar, EnvClass, IntegerVar } from '../env.decorators';

/** The process: mode, listening address, proxies, CORS, the per-IP rate limit, the workers. */
export function ServerEnv<B extends EnvClass>(Base: B) {
  class ServerEnv extends Base {
    @IsIn(['development', 'test', 'production'])
    NODE_ENV: 'development' | 'test' | 'production' = 'production';

    @IntegerVar(0, 65535)
    PORT = 3000;

    @IsString()
    @MinLength(1)
    HOST = '0.0.0.0';

    /** true only behind a reverse proxy that sets X-Forwarded-For; else clients could spoof their IP. */
    @BooleanVar()
    TRUST_PROXY = false;

    /** Comma-separated allowed origins; `*` allows any; empty disables CORS. */
    @IsString()
    CORS_ORIGINS = '';

    @IntegerVar(1, 1_000_000)
    RATE_LIMIT_PER_MINUTE = 600;

    /** Runs the outbox relay, the event processor and the schedulers in this process. */
    @BooleanVar()
    WORKERS_ENABLED = true;
  }
  return ServerEnv;
}
