import type { EnvironmentVariables } from './infrastructure/config/env.schema';

/**
 * Whether OpenTelemetry tracing is configured: an OTLP endpoint or OTEL_TRACES_EXPORTER
 * (other than `none`) is set, and OTEL_SDK_DISABLED is not true.
 */
export function tracingConfigured(env: EnvironmentVariables): boolean {
  if (env.OTEL_SDK_DISABLED) return false;
  if (env.OTEL_TRACES_EXPORTER) return env.OTEL_TRACES_EXPORTER !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts tracing before the application's modules are loaded (the instrumentations patch
 * node:http, Fastify, mysql2 and ioredis as they are required). When tracing is not configured
 * the SDK is not even loaded: "off" costs nothing.
 */
export async function startTracing(
  env: EnvironmentVariables,
  defaultServiceName: string,
): Promise<void> {
  if (!tracingConfigured(env)) return;
  const { startOpenTelemetry, stopPatchingModules } =
    await import('./infrastructure/observability/tracing-sdk');
  startOpenTelemetry(env, defaultServiceName);
  finish = stopPatchingModules;
}

let finish: (() => void) | undefined;

/**
 * Called once the application has started (every module loaded): the instrumentations stop
 * watching `require` (see stopPatchingModules). A no-op when tracing is off.
 */
export function tracingStartupDone(): void {
  finish?.();
  finish = undefined;
}
