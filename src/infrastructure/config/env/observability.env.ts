import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  BooleanVar,
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

/** The standard OTEL_* samplers this application accepts (OTEL_TRACES_SAMPLER). */
export const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type TraceSamplerName = (typeof TRACE_SAMPLERS)[number];

const otlpUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/**
 * OpenTelemetry tracing (docs/observability.md), configured by the standard OTEL_* variables
 * that the SDK reads itself; they are checked here so that a typo ends the start with one line
 * instead of silently exporting nothing. Tracing is off (the SDK is not even loaded) unless
 * an OTLP endpoint or OTEL_TRACES_EXPORTER is set, and OTEL_SDK_DISABLED=true always wins.
 */
export function TracingEnv<B extends EnvClass>(Base: B) {
  class TracingEnv extends Base {
    /** `true` turns tracing off whatever else is set. */
    @BooleanVar()
    OTEL_SDK_DISABLED = false;

    /** Where spans go (OTLP/HTTP; `/v1/traces` is appended), e.g. http://otel-collector:4318. */
    @Transform(emptyToUndefined)
    @IsOptional()
    @IsUrl(otlpUrl)
    OTEL_EXPORTER_OTLP_ENDPOINT?: string;

    /** The full traces URL (used as is), instead of OTEL_EXPORTER_OTLP_ENDPOINT. */
    @Transform(emptyToUndefined)
    @IsOptional()
    @IsUrl(otlpUrl)
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

    /** `otlp` (OTLP/HTTP), `console` (spans on stdout, for debugging) or `none`. */
    @Transform(emptyToUndefined)
    @IsOptional()
    @IsIn(['otlp', 'console', 'none'])
    OTEL_TRACES_EXPORTER?: string;

    /** The OTLP/HTTP encoding: `http/protobuf` (the default) or `http/json`. */
    @Transform(emptyToUndefined)
    @IsOptional()
    @IsIn(['http/protobuf', 'http/json'])
    OTEL_EXPORTER_OTLP_PROTOCOL?: string;

    /** Which traces are kept; `parentbased_traceidratio` with OTEL_TRACES_SAMPLER_ARG in production. */
    @IsIn(TRACE_SAMPLERS)
    OTEL_TRACES_SAMPLER: TraceSamplerName = 'parentbased_always_on';

    /** The ratio of new traces kept by the `*traceidratio` samplers, 0..1 (default 1). */
    @Transform(({ value }: { value: unknown }) =>
      value === undefined || value === '' ? undefined : Number(value),
    )
    @IsOptional()
    @IsNumber({ allowNaN: false }, { message: 'must be a number between 0 and 1' })
    @Min(0)
    @Max(1)
    OTEL_TRACES_SAMPLER_ARG?: number;

    /** The service.name resource attribute (default `atrium-api`, or `atrium-worker`). */
    @Transform(emptyToUndefined)
    @IsOptional()
    @IsString()
    OTEL_SERVICE_NAME?: string;
  }
  return TracingEnv;
}
