import { validateEnvironment } from './infrastructure/config/env.schema';
import {
  captureTraceContext,
  sampledTraceId,
  traceLogFields,
} from './infrastructure/observability/tracing';
import { tracingConfigured } from './tracing';

const env = (vars: Record<string, string>) => validateEnvironment({ NODE_ENV: 'test', ...vars });

describe('tracingConfigured', () => {
  it('is off unless an endpoint or an exporter is set', () => {
    expect(tracingConfigured(env({}))).toBe(false);
    expect(tracingConfigured(env({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }))).toBe(false);
    expect(tracingConfigured(env({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }))).toBe(
      true,
    );
    expect(
      tracingConfigured(env({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })),
    ).toBe(true);
    expect(tracingConfigured(env({ OTEL_TRACES_EXPORTER: 'console' }))).toBe(true);
  });

  it('OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none win over an endpoint', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingConfigured(env({ ...endpoint, OTEL_SDK_DISABLED: 'true' }))).toBe(false);
    expect(tracingConfigured(env({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }))).toBe(false);
  });

  it('refuses malformed OTEL_* values with one line each', () => {
    expect(() =>
      env({
        OTEL_TRACES_SAMPLER: 'sometimes',
        OTEL_TRACES_SAMPLER_ARG: '1.5',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT=[\s\S]*OTEL_EXPORTER_OTLP_PROTOCOL=[\s\S]*OTEL_TRACES_SAMPLER=[\s\S]*OTEL_TRACES_SAMPLER_ARG=/,
    );
    expect(env({ OTEL_TRACES_SAMPLER_ARG: '0.1' }).OTEL_TRACES_SAMPLER_ARG).toBe(0.1);
  });

  it('with the SDK not started, the helpers record nothing', () => {
    expect(captureTraceContext()).toBeNull();
    expect(sampledTraceId()).toBeUndefined();
    expect(traceLogFields()).toEqual({});
  });
});
