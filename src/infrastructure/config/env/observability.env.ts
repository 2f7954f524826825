import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsString, Matches, MinLength, ValidateIf } from 'class-validator';
import {
  emptyToUndefined,
  EnvClass,
  isProduction,
  REQUIRED_IN_PRODUCTION,
} from '../env.decorators';

/** Logs and the /metrics endpoint. */
export function ObservabilityEnv<B extends EnvClass>(Base: B) {
  class ObservabilityEnv extends Base {
    @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    LOG_LEVEL = 'info';

    /**
     * GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>` when set. Required in production;
     * in development and test, unset leaves /metrics open (still under the per-IP rate limit).
     */
    @Transform(emptyToUndefined)
    @ValidateIf(
      (env: { NODE_ENV?: string; METRICS_TOKEN?: string }) =>
        isProduction(env) || env.METRICS_TOKEN !== undefined,
    )
    @IsDefined({
      message: `${REQUIRED_IN_PRODUCTION}; 16+ random characters, e.g. openssl rand -hex 24`,
    })
    @IsString()
    @MinLength(16, { message: 'must be at least 16 characters' })
    @Matches(/^[\x21-\x7e]+$/, {
      message: 'must be printable ASCII without spaces (it travels in a Bearer header)',
    })
    METRICS_TOKEN?: string;
  }
  return ObservabilityEnv;
}
